# Writes the build's "git describe" into a C++ source at build time, touching the file only when
# the text changes (so unchanged builds stay up to date). Run with -DSOURCE_DIR= -DOUTPUT=.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT describe)
  set(describe "unknown")
endif()
set(text "// Generated at build time by cmake/write_version.cmake.\nnamespace poselab::sim {\nconst char* Version() { return \"${describe}\"; }\n}  // namespace poselab::sim\n")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUTPUT} "${text}")
endif()
