# traceback through four nested calls names each frame and line
def parse_port(text):
    return int(text)
def load(conf):
    return parse_port(conf["port"])
def start(conf):
    port = load(conf)
    return port
def main():
    print(start({"port": "80"}))
    print(start({"port": "eighty"}))
main()
