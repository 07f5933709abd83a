# Embeds the Python modules of py/lib/ (written in Python, compiled when first imported) into
# a C table: cmake -DOUT=file.c -DSRC_DIR=py/lib -P gen_frozen.cmake
# The text is stored smaller than written, for the MCU's flash: comment lines and trailing
# blanks go (the lines stay, so tracebacks keep their line numbers) and each four spaces of
# indentation become one. py/lib's modules are written to allow it: four-space indentation,
# no string spanning lines.
function(shrink_source var text)
  set(text "\n${text}")
  string(REGEX REPLACE "\n[ ]*#[^\n]*" "\n" text "${text}")
  string(REGEX REPLACE "[ ]+\n" "\n" text "${text}")
  # from the shallowest level up, so a line already shortened is never matched again
  foreach(level RANGE 1 12)
    math(EXPR wide "${level} * 4")
    string(REPEAT " " ${wide} from)
    string(REPEAT " " ${level} to)
    string(REGEX REPLACE "\n${from}([^ \n])" "\n${to}\\1" text "${text}")
  endforeach()
  string(SUBSTRING "${text}" 1 -1 text)
  set(${var} "${text}" PARENT_SCOPE)
endfunction()
file(GLOB MODS ${SRC_DIR}/*.py)
list(SORT MODS)
set(body "/* Generated from the files of py/lib by tools/gen_frozen.cmake: do not edit. */\n#include \"py/frozen.h\"\n\n")
set(table "const py_frozen_module py_frozen_modules[] = {\n")
foreach(m ${MODS})
  get_filename_component(name ${m} NAME_WE)
  file(READ ${m} text)
  shrink_source(text "${text}")
  string(HEX "${text}" hex)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "static const char src_${name}[] = {${bytes}0};\n")
  string(APPEND table "    { \"${name}\", src_${name}, ${len} },\n")
endforeach()
string(APPEND table "    { 0, 0, 0 }\n};\n")
file(WRITE ${OUT}.new "${body}\n${table}")
file(COPY_FILE ${OUT}.new ${OUT} ONLY_IF_DIFFERENT)
