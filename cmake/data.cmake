# Compiles data/ sources into versioned binaries under build/data/.
add_executable(rasd-dictc ${PROJECT_SOURCE_DIR}/tools/rasd_dictc.cc)
target_compile_options(rasd-dictc PRIVATE ${RASD_WARNINGS})
target_include_directories(rasd-dictc PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(rasd-dictc PRIVATE rasd_lib)

set(RASD_HUNSPELL_DIC "/usr/share/hunspell/ar.dic" CACHE FILEPATH "Arabic hunspell word list (Debian hunspell-ar)")
if(NOT EXISTS ${RASD_HUNSPELL_DIC})
  message(FATAL_ERROR "${RASD_HUNSPELL_DIC} not found: install Debian's hunspell-ar (run scripts/setup)")
endif()
file(GLOB_RECURSE RASD_DATA_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/data/*.tsv)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/data/rasd.lex
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/data
  COMMAND rasd-dictc --data ${PROJECT_SOURCE_DIR}/data --hunspell ${RASD_HUNSPELL_DIC}
          --out ${PROJECT_BINARY_DIR}/data/rasd.lex
  DEPENDS rasd-dictc ${RASD_DATA_SOURCES} ${RASD_HUNSPELL_DIC}
  COMMENT "Compiling dictionaries into data/rasd.lex"
  VERBATIM)
add_custom_target(rasd_data ALL DEPENDS ${PROJECT_BINARY_DIR}/data/rasd.lex)
add_dependencies(rasd rasd_data)
if(TARGET rasd_tests)
  add_dependencies(rasd_tests rasd_data)
endif()

# Trained models shipped in data/models are copied next to the compiled lexicon.
function(rasd_copy_model name)
  set(src ${PROJECT_SOURCE_DIR}/data/models/${name}.model)
  if(EXISTS ${src})
    add_custom_command(
      OUTPUT ${PROJECT_BINARY_DIR}/data/${name}.model
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/data
      COMMAND ${CMAKE_COMMAND} -E copy ${src} ${PROJECT_BINARY_DIR}/data/${name}.model
      DEPENDS ${src}
      COMMENT "Copying the ${name} model")
    add_custom_target(rasd_${name}_model ALL DEPENDS ${PROJECT_BINARY_DIR}/data/${name}.model)
    add_dependencies(rasd rasd_${name}_model)
    if(TARGET rasd_tests)
      add_dependencies(rasd_tests rasd_${name}_model)
    endif()
  endif()
endfunction()
rasd_copy_model(report)
rasd_copy_model(ner)
