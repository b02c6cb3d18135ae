# Warnings for our own targets only; Debian headers are system headers and stay quiet.
function(oqu_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wimplicit-fallthrough)
  if(OQU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
