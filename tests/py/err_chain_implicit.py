# an error the interpreter raises inside an except clause has the handled one as context
def parse(text):
    try:
        return int(text)
    except ValueError:
        return {}["fallback"]
parse("x")
