#pragma once

#include <filesystem>
#include <string>

namespace tenki::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "tenki-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::filesystem::path& p) const { return m_path / p; }

    // Writes content to a file below the directory, creating parent directories.
    std::filesystem::path write(const std::filesystem::path& relative, const std::string& content) const;

private:
    std::filesystem::path m_path;
};

// The whole file at path, as bytes; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace tenki::test
