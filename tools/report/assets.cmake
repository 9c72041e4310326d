# Embeds the report's page template and its pinned JavaScript (vega, vega-lite, vega-embed from
# tools/report/node_modules, installed by `npm ci` in tools/install-deps) into the dccsim binary,
# so that `dccsim report` needs nothing at run time and report.html opens offline. Included from
# tools/CMakeLists.txt after the dccsim_tools library is defined.
#
# Without node_modules at configure time everything still builds: the binary then carries only the
# template, and `dccsim report` says how to get the libraries (tools/install-deps, then cmake again).
set(dccsim_report_dir "${CMAKE_CURRENT_LIST_DIR}")
set(dccsim_report_js
  "${dccsim_report_dir}/node_modules/vega/build/vega.min.js"
  "${dccsim_report_dir}/node_modules/vega-lite/build/vega-lite.min.js"
  "${dccsim_report_dir}/node_modules/vega-embed/build/vega-embed.min.js")
set(dccsim_report_have_js ON)
foreach(file IN LISTS dccsim_report_js)
  if(NOT EXISTS "${file}")
    set(dccsim_report_have_js OFF)
  endif()
endforeach()
if(dccsim_report_have_js)
  # npm ci rewrites this file: installing other versions re-runs the configure step.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    "${dccsim_report_dir}/node_modules/.package-lock.json")
else()
  message(STATUS "dccsim report: no JavaScript libraries in ${dccsim_report_dir}/node_modules; "
                 "`dccsim report` will say how to get them (tools/install-deps, then re-run cmake)")
  set(dccsim_report_js "")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dccsim_report_dir}/package-lock.json")

set(dccsim_report_inputs "${dccsim_report_dir}/template.html" ${dccsim_report_js})
set(dccsim_report_stamp_dir "${CMAKE_CURRENT_BINARY_DIR}/report_assets")
set(dccsim_report_stamp "${dccsim_report_stamp_dir}/report_html_assets_stamp.hpp")
string(REPLACE ";" "|" dccsim_report_js_arg "${dccsim_report_js}")
add_custom_command(
  OUTPUT "${dccsim_report_stamp}"
  COMMAND "${CMAKE_COMMAND}" "-DOUT=${dccsim_report_stamp}" "-DTEMPLATE=${dccsim_report_dir}/template.html"
          "-DJS=${dccsim_report_js_arg}" -P "${dccsim_report_dir}/assets_stamp.cmake"
  DEPENDS ${dccsim_report_inputs} "${dccsim_report_dir}/assets_stamp.cmake"
  COMMENT "Stamping the report's embedded template and JavaScript"
  VERBATIM)
target_sources(dccsim_tools PRIVATE "${dccsim_report_stamp}")
target_include_directories(dccsim_tools PRIVATE "${dccsim_report_stamp_dir}")
set_source_files_properties(report_html_assets.cpp PROPERTIES OBJECT_DEPENDS "${dccsim_report_inputs}")
