# upyOS-C shutdown script: runs at every exit and reboot.
echo Stopping services...
# a board without a network has no services to stop
test -c utelnetd > net
if $net == False skip 4
utelnetd stop
uftpd stop
uhttpd stop
mqttd stop
