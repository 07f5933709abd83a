# upyOS-C boot script: runs at every normal boot (skipped in recovery mode).
# Lines are upyOS script language: see /etc/help.txt and docs/shell.md.
lshw -b
free -h
df -h

# Services for remote development (uncomment to start them at boot):
#utelnetd start
#uftpd start
#uhttpd start &
#mqttd start
