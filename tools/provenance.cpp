#include "tools/provenance.hpp"

#include <boost/program_options.hpp>
#include <filesystem>

#include "tools/command_line.hpp"
#include "tools/json_writer.hpp"

namespace po = boost::program_options;

namespace dccsim::tools {

std::vector<std::string> recorded_command_line(std::string_view command, const std::vector<std::string>& args,
                                               const po::options_description& options, const char* positional,
                                               int positional_count,
                                               const std::set<std::string, std::less<>>& file_options) {
  po::positional_options_description names;
  if (positional) names.add(positional, positional_count);
  // The command has parsed these arguments already, so this cannot fail.
  const po::parsed_options parsed = po::command_line_parser(args).options(options).positional(names).run();
  std::vector<std::string> out{"dccsim", std::string(command)};
  const auto file_name = [](const std::string& path) { return std::filesystem::path(path).filename().string(); };
  for (const po::option& o : parsed.options) {
    if (kResultNeutralOptions.count(o.string_key)) continue;
    if (o.position_key >= 0) {
      for (const std::string& v : o.value) out.push_back(file_name(v));
    } else if (file_options.count(o.string_key)) {
      out.push_back("--" + o.string_key);
      for (const std::string& v : o.value) out.push_back(file_name(v));
    } else {
      out.insert(out.end(), o.original_tokens.begin(), o.original_tokens.end());
    }
  }
  return out;
}

void write_provenance(JsonWriter& j, const Provenance& p) {
  j.key("provenance").begin_object();
  j.key("version").value(version());
  j.key("command_line").begin_array();
  for (const std::string& a : p.command_line) j.value(a);
  j.end_array();
  j.key("overrides").begin_array();
  for (const std::string& s : p.overrides) j.value(s);
  j.end_array();
  if (p.seed) j.key("seed").value(*p.seed);
  if (p.replications) j.key("replications").value(*p.replications);
  j.end_object();
}

}  // namespace dccsim::tools
