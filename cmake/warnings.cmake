# Warnings for our own targets only; Debian headers are system headers and stay quiet.
function(oqu_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wimplicit-fallthrough
    # GCC 12 warns on every designated initializer that leaves a field to its default
    # ({.name = "x"}), which is the point of default member initializers.
    -Wno-missing-field-initializers)
  if(OQU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
