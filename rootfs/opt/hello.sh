# An example script: sh /opt/hello.sh NAME
echo Hello, $1, from $0
