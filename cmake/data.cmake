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
set(RASD_REPORT_MODEL ${PROJECT_SOURCE_DIR}/data/models/report.model)
if(EXISTS ${RASD_REPORT_MODEL})
  add_custom_command(
    OUTPUT ${PROJECT_BINARY_DIR}/data/report.model
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/data
    COMMAND ${CMAKE_COMMAND} -E copy ${RASD_REPORT_MODEL} ${PROJECT_BINARY_DIR}/data/report.model
    DEPENDS ${RASD_REPORT_MODEL}
    COMMENT "Copying the report filter model")
  add_custom_target(rasd_report_model ALL DEPENDS ${PROJECT_BINARY_DIR}/data/report.model)
  add_dependencies(rasd rasd_report_model)
endif()

set(RASD_NER_MODEL ${PROJECT_SOURCE_DIR}/data/models/ner.model)
if(EXISTS ${RASD_NER_MODEL})
  add_custom_command(
    OUTPUT ${PROJECT_BINARY_DIR}/data/ner.model
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/data
    COMMAND ${CMAKE_COMMAND} -E copy ${RASD_NER_MODEL} ${PROJECT_BINARY_DIR}/data/ner.model
    DEPENDS ${RASD_NER_MODEL}
    COMMENT "Copying the NER model")
  add_custom_target(rasd_ner_model ALL DEPENDS ${PROJECT_BINARY_DIR}/data/ner.model)
  add_dependencies(rasd rasd_ner_model)
endif()
