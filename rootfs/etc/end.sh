# upyOS-C shutdown script: runs at every exit and reboot.
echo Stopping services...
utelnetd stop
uftpd stop
uhttpd stop
