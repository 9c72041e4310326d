#include "scenarios/csv.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace dccsim::scenarios {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string join(std::span<const std::string_view> cells) {
  std::string out;
  for (std::string_view c : cells) out += (out.empty() ? "" : ",") + std::string(c);
  return out;
}

std::string join(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : ",") + cells[i];
  return out;
}

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;
  bool blank = false;
};

// Reads the quoted field whose opening quote is at `i` into `field` ("" is a literal quote), and
// the blanks after its closing quote; `line` counts the line breaks inside it. On a problem,
// returns it with `i` where reading resumes (the end, or the end of the line).
std::string_view read_quoted(std::string_view text, std::size_t& i, std::size_t& line, std::string& field) {
  field.clear();
  ++i;
  bool closed = false;
  while (i < text.size()) {
    if (text[i] == '"') {
      if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        i += 2;
        continue;
      }
      ++i;
      closed = true;
      break;
    }
    if (text[i] == '\n') ++line;
    field += text[i++];
  }
  if (!closed) {
    i = text.size();
    return "unterminated quoted field";
  }
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
    while (i < text.size() && text[i] != '\n') ++i;
    return "unexpected text after a closing quote";
  }
  return {};
}

// Splits `text` into records, honouring quotes; a record starts on the line of its first
// character. Blank records are dropped; a malformed one is a diagnostic in `errors`, left out.
std::vector<Record> split_records(std::string_view text, const std::string& file,
                                  std::vector<Diagnostic>& errors) {
  std::vector<Record> records;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    Record record;
    record.line = line;
    std::string field;
    bool quoted_field = false;
    bool ok = true;
    bool end_of_record = false;
    while (!end_of_record && i < text.size()) {
      const char c = text[i];
      if (c == '"' && trim(field).empty() && !quoted_field) {
        quoted_field = true;
        if (const std::string_view error = read_quoted(text, i, line, field); !error.empty()) {
          errors.push_back({file, record.line, "", std::string(error)});
          ok = false;
          break;
        }
      } else if (c == ',') {
        record.fields.push_back(quoted_field ? field : std::string(trim(field)));
        field.clear();
        quoted_field = false;
        ++i;
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      } else if (c == '\n') {
        ++i;
        end_of_record = true;
      } else if (c == '"' && !quoted_field) {
        errors.push_back({file, record.line, "", "quote inside an unquoted field"});
        ok = false;
        while (i < text.size() && text[i] != '\n') ++i;
        break;
      } else {
        field += c;
        ++i;
      }
    }
    if (i < text.size() && text[i] == '\n' && !end_of_record) ++i;  // resynchronise after an error
    ++line;
    if (!ok) continue;
    const bool blank = record.fields.empty() && !quoted_field && trim(field).empty();
    record.fields.push_back(quoted_field ? field : std::string(trim(field)));
    record.blank = blank;
    if (!record.blank) records.push_back(std::move(record));
  }
  return records;
}

constexpr char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_char(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_char(a[i]) != lower_char(b[i])) return false;
  }
  return true;
}

std::size_t first_invalid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07u;
    } else {
      return i;
    }
    if (i + extra >= bytes.size()) return i;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      code = (code << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF are not UTF-8.
    constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return i;
    i += extra + 1;
  }
  return std::string_view::npos;
}

bool looks_binary(std::string_view bytes) { return first_invalid_utf8(bytes) != std::string_view::npos; }

std::optional<Diagnostic> text_problem(std::string_view bytes, const std::string& file, const char* kind) {
  const std::size_t at = first_invalid_utf8(bytes);
  if (at == std::string_view::npos) return std::nullopt;
  // Many NULs mean a binary file; one stray byte in text is most likely Latin-1 or Windows-1252.
  if (bytes[at] == '\0')
    return Diagnostic{file, 0, "", std::string("file is binary, expected ") + kind + " text"};
  const std::size_t line_start = bytes.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t begin = line_start == std::string_view::npos || at == 0 ? 0 : line_start + 1;
  const auto line = static_cast<std::size_t>(
                        std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
                    1;
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(bytes[at])));
  return Diagnostic{file, line, "",
                    "column " + std::to_string(at - begin + 1) + ": byte " + hex +
                        " is not UTF-8 (Latin-1 or Windows-1252?): save the file as UTF-8"};
}

std::optional<std::string> read_text_file(const std::filesystem::path& path,
                                          std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    diagnostics.push_back({path.string(), 0, "", "file not found"});
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    diagnostics.push_back({path.string(), 0, "", "is a directory, expected a file"});
    return std::nullopt;
  }
  // A device or pipe could be endless (/dev/zero): only regular files are read.
  if (!std::filesystem::is_regular_file(status)) {
    diagnostics.push_back({path.string(), 0, "", "is not a regular file"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back({path.string(), 0, "", "cannot open file"});
    return std::nullopt;
  }
  // Read in chunks: istreambuf_iterator trips GCC 12's -Wnull-dereference.
  std::string bytes;
  std::array<char, 65536> chunk{};
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    diagnostics.push_back({path.string(), 0, "", "cannot read file"});
    return std::nullopt;
  }
  return bytes;
}

std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file,
                                  std::span<const std::string_view> expected_header_prefix,
                                  std::vector<Diagnostic>& diagnostics) {
  const std::string expected = join(expected_header_prefix);
  if (auto problem = text_problem(text, file, "CSV")) {
    diagnostics.push_back(std::move(*problem));
    return std::nullopt;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (trim(text).find_first_not_of("\r\n") == std::string_view::npos) {
    diagnostics.push_back({file, 0, "", "file is empty, expected CSV with header " + expected});
    return std::nullopt;
  }
  // Record problems are held back: under a wrong header they would only be noise.
  std::vector<Diagnostic> record_errors;
  std::vector<Record> records = split_records(text, file, record_errors);
  if (records.empty()) {
    if (!record_errors.empty()) {
      diagnostics.insert(diagnostics.end(), record_errors.begin(), record_errors.end());
      return std::nullopt;
    }
    diagnostics.push_back({file, 0, "", "file is empty, expected CSV with header " + expected});
    return std::nullopt;
  }
  CsvTable table;
  table.header = records.front().fields;
  bool header_ok = table.header.size() >= expected_header_prefix.size();
  for (std::size_t k = 0; header_ok && k < expected_header_prefix.size(); ++k) {
    header_ok = iequals(table.header[k], expected_header_prefix[k]);
  }
  if (!header_ok) {
    diagnostics.push_back({file, records.front().line, "header",
                           "expected header " + expected + ", got " + join(table.header)});
    return std::nullopt;
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    Record& record = records[r];
    if (record.fields.size() != table.header.size()) {
      record_errors.push_back({file, record.line, "",
                               "expected " + std::to_string(table.header.size()) + " columns (" +
                                   join(table.header) + "), got " + std::to_string(record.fields.size())});
      continue;
    }
    table.rows.push_back(std::move(record.fields));
    table.lines.push_back(record.line);
  }
  std::stable_sort(record_errors.begin(), record_errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  diagnostics.insert(diagnostics.end(), record_errors.begin(), record_errors.end());
  return table;
}

std::optional<CsvTable> read_csv(const std::filesystem::path& path,
                                 std::span<const std::string_view> expected_header_prefix,
                                 std::vector<Diagnostic>& diagnostics) {
  const auto bytes = read_text_file(path, diagnostics);
  if (!bytes) return std::nullopt;
  return parse_csv(*bytes, path.string(), expected_header_prefix, diagnostics);
}

}  // namespace dccsim::scenarios
