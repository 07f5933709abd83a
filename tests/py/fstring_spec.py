# f-string format specs for ints, floats and strings
v = 1234.5678
i = -42
s = "txt"
print(f"{v:10.2f}|{v:<10.1f}|{v:^12.3f}|{v:+.0f}")
print(f"{v:e}|{v:.2E}|{v:g}|{v:,.2f}|{v:_.1f}")
print(f"{i:d}|{i:5d}|{i:<5d}|{i:^7d}|{i:+d}|{abs(i):08b}|{255:#06x}")
print(f"{s:5}|{s:>5}|{s:-^9}|{s:.2}|{s!r:>7}")
print(f"{0.375:%}|{0.375:.1%}|{1e-9:g}|{12:e}")
print(f"{True}|{None}|{[1]}|{(1, 'a')}|{True:d}")
print(f"{1000000:,}|{-1000000:_}|{3:=+5}|{-3:=5}|{3:0=5}")
