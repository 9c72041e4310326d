#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

// Files as the outputs need them: complete or absent. I/O failures throw std::runtime_error naming
// the path (caught once in main, exit code 1).
namespace dccsim::tools {

/// Writes `text` to `path` whole or not at all: a temporary file in the same folder, then a rename.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

/// Creates the output folder `dir` and its parents if missing, and removes the temporary files a
/// killed run left in it (see remove_stale_temporaries).
void create_output_folder(const std::filesystem::path& dir);

/// The names of the files dccsim writes into an output folder with write_file_atomically.
std::span<const std::string_view> output_file_names();

/// Removes from `dir` each `.NAME.tmp` (the temporary of write_file_atomically) whose NAME is one of
/// output_file_names(): left by a run killed while writing. Nothing else is touched. Returns the count.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir);

/// Appends `line` with a single write and flushes it to disk: a process killed at any moment leaves
/// complete lines, or a partial last line a reader can recognise by its missing newline.
void append_line_durably(const std::filesystem::path& file, std::string_view line);

/// The whole content of `file` (empty when it cannot be read).
std::string read_whole_file(const std::filesystem::path& file);

}  // namespace dccsim::tools
