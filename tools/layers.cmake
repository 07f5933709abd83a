# The core's layers as libraries, from the table in layers.txt (which says what a layer may
# include). For every layer NAME:
#   upyos_NAME   a static library of the .c files under its directory (plus any sources the
#                top level put in UPYOS_GENERATED_NAME), linking the layers it sees; an
#                INTERFACE library while the directory holds no .c file yet
#   build/layers/NAME/   its include directory: symbolic links to just the directories it may
#                include, so that #include "shell/shell.h" in fs/ finds no file
# Sets UPYOS_LAYERS (bottom up) and UPYOS_LAYER_LIBRARIES (the static ones).
set(UPYOS_LAYER_TABLE ${CMAKE_SOURCE_DIR}/layers.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${UPYOS_LAYER_TABLE})

set(UPYOS_LAYERS)
set(UPYOS_INTERFACES)
set(UPYOS_ENTRIES)                  # both, in the table's order
file(STRINGS ${UPYOS_LAYER_TABLE} _lines)
foreach(_line IN LISTS _lines)
  string(REGEX REPLACE "#.*$" "" _line "${_line}")
  string(STRIP "${_line}" _line)
  if(_line STREQUAL "")
    continue()
  endif()
  string(REGEX REPLACE "[ \t]+" ";" _words "${_line}")
  list(POP_FRONT _words _kind _name)
  if(_kind STREQUAL "layer" OR _kind STREQUAL "interface")
    list(POP_FRONT _words _dir)
    set(UPYOS_DIR_${_name} ${_dir})
    # What it sees, and what those see in turn; only names defined above, so no cycles.
    set(UPYOS_CLOSURE_${_name})
    foreach(_seen IN LISTS _words)
      if(NOT DEFINED UPYOS_DIR_${_seen})
        message(FATAL_ERROR "layers.txt: ${_name} sees '${_seen}', which is not defined above it")
      endif()
      list(APPEND UPYOS_CLOSURE_${_name} ${_seen} ${UPYOS_CLOSURE_${_seen}})
    endforeach()
    list(REMOVE_DUPLICATES UPYOS_CLOSURE_${_name})
    set(UPYOS_SEES_${_name} ${_words})
    list(APPEND UPYOS_ENTRIES ${_name})
    if(_kind STREQUAL "layer")
      list(APPEND UPYOS_LAYERS ${_name})
    else()
      list(APPEND UPYOS_INTERFACES ${_name})
    endif()
  elseif(_kind STREQUAL "exception")
    list(APPEND UPYOS_EXCEPTIONS_${_name} ${_words})
  else()
    message(FATAL_ERROR "layers.txt: cannot read '${_line}'")
  endif()
endforeach()

# Links DIR (a directory of the tree) into VIEW, leaving out the directories in HIDDEN that
# lie inside it: those belong to layers the view must not see.
function(_upyos_link_dir view dir hidden)
  string(REGEX REPLACE "^include/" "" _as ${dir})     # include/hal is included as "hal/..."
  set(_inside)
  foreach(_h IN LISTS hidden)
    if(_h MATCHES "^${dir}/")
      list(APPEND _inside ${_h})
    endif()
  endforeach()
  if(NOT _inside)
    get_filename_component(_parent ${view}/${_as} DIRECTORY)
    file(MAKE_DIRECTORY ${_parent})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${dir} ${view}/${_as} SYMBOLIC)
    return()
  endif()
  # Some of it is hidden: a real directory with a link per entry, re-read when entries come.
  file(MAKE_DIRECTORY ${view}/${_as})
  file(GLOB _entries CONFIGURE_DEPENDS LIST_DIRECTORIES true RELATIVE ${CMAKE_SOURCE_DIR}/${dir}
       ${CMAKE_SOURCE_DIR}/${dir}/*)
  foreach(_e IN LISTS _entries)
    if(NOT "${dir}/${_e}" IN_LIST hidden)
      _upyos_link_dir(${view} ${dir}/${_e} "${hidden}")
    endif()
  endforeach()
endfunction()

# The include directory of a layer that may see NAMES (layers and interfaces).
function(_upyos_make_view view names)
  file(REMOVE_RECURSE ${view})              # removes the links, never what they point to
  file(MAKE_DIRECTORY ${view})
  set(_hidden)
  foreach(_n IN LISTS UPYOS_LAYERS UPYOS_INTERFACES)
    if(NOT _n IN_LIST names)
      list(APPEND _hidden ${UPYOS_DIR_${_n}})
    endif()
  endforeach()
  foreach(_n IN LISTS names)
    set(_covered FALSE)                     # net/svc comes with net when both are seen
    foreach(_m IN LISTS names)
      if(UPYOS_DIR_${_n} MATCHES "^${UPYOS_DIR_${_m}}/")
        set(_covered TRUE)
      endif()
    endforeach()
    if(NOT _covered)
      _upyos_link_dir(${view} ${UPYOS_DIR_${_n}} "${_hidden}")
    endif()
  endforeach()
endfunction()

set(UPYOS_LAYER_LIBRARIES)
foreach(_layer IN LISTS UPYOS_ENTRIES)
  set(_dir ${UPYOS_DIR_${_layer}})
  set(_sees ${_layer} ${UPYOS_CLOSURE_${_layer}})
  set(_links)
  foreach(_seen IN LISTS UPYOS_SEES_${_layer} UPYOS_EXCEPTIONS_${_layer})
    list(APPEND _links upyos_${_seen})
  endforeach()
  # An exception lets through what the excepted layer's own headers include, too.
  foreach(_seen IN LISTS UPYOS_EXCEPTIONS_${_layer})
    list(APPEND _sees ${_seen} ${UPYOS_CLOSURE_${_seen}})
  endforeach()
  list(REMOVE_DUPLICATES _sees)
  set(UPYOS_VIEW_${_layer} ${CMAKE_BINARY_DIR}/layers/${_layer})
  _upyos_make_view(${UPYOS_VIEW_${_layer}} "${_sees}")

  # Its sources: everything under its directory but the directories of other layers.
  set(_sources)
  if(_layer IN_LIST UPYOS_LAYERS)
    file(GLOB_RECURSE _sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${_dir}/*.c)
    foreach(_other IN LISTS UPYOS_LAYERS)
      if(UPYOS_DIR_${_other} MATCHES "^${_dir}/")
        list(FILTER _sources EXCLUDE REGEX "^${CMAKE_SOURCE_DIR}/${UPYOS_DIR_${_other}}/")
      endif()
    endforeach()
    list(APPEND _sources ${UPYOS_GENERATED_${_layer}})
  endif()

  if(_sources)
    add_library(upyos_${_layer} STATIC ${_sources})
    target_include_directories(upyos_${_layer} PRIVATE ${UPYOS_VIEW_${_layer}})
    target_compile_definitions(upyos_${_layer} PUBLIC UPYOS_VERSION="${UPYOS_VERSION}")
    target_link_libraries(upyos_${_layer} PUBLIC ${_links})
    list(APPEND UPYOS_LAYER_LIBRARIES upyos_${_layer})
  else()
    # An interface, or a layer with no code yet. A port plugs its implementation of
    # include/hal into upyos_hal, so it links after every layer that calls it.
    add_library(upyos_${_layer} INTERFACE)
    target_link_libraries(upyos_${_layer} INTERFACE ${_links})
  endif()
endforeach()
