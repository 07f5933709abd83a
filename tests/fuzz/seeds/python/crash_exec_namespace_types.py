exec('x=1', {}, 5)
eval('1', [])
