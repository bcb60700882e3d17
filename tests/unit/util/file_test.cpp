#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/util/file.hpp"

using namespace tenki;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

FileToRead config_like(const fs::path& path, std::uintmax_t max_bytes = 64) {
    return {"the config file " + path.string(), "a config file", max_bytes};
}

// The message of reading path as a 64-byte config file; "" when it was read.
std::string refusal_of(const fs::path& path) {
    auto text = read_bounded_file(path, config_like(path));
    if (text) return "";
    CHECK(text.error().kind == ErrorKind::io);
    CHECK(text.error().message.find('\n') == std::string::npos);
    return text.error().message;
}

}  // namespace

TEST_CASE("read_bounded_file reads a regular file up to its bound, and a symlink to one", "[file]") {
    TempDir dir;
    const auto file = dir.write("tenki.toml", std::string(64, 'x'));
    auto text = read_bounded_file(file, config_like(file));
    REQUIRE(text);
    CHECK(*text == std::string(64, 'x'));
    fs::create_symlink(file, dir / "link.toml");
    CHECK(refusal_of(dir / "link.toml").empty());
    const auto empty = dir.write("empty.toml", "");
    auto none = read_bounded_file(empty, config_like(empty));
    REQUIRE(none);
    CHECK(none->empty());
}

TEST_CASE("read_bounded_file refuses a file over its bound, naming the file and the bound", "[file]") {
    TempDir dir;
    const auto big = dir.write("big.toml", std::string(65, 'x'));
    CHECK(refusal_of(big) ==
          "the config file " + big.string() + " is larger than 64 bytes, more than a config file ever is");
    const auto mib = dir.write("mib.toml", std::string(1024 * 1024 + 1, 'x'));
    auto text = read_bounded_file(mib, config_like(mib, 1024 * 1024));
    REQUIRE_FALSE(text);
    CHECK(text.error().message.ends_with(" is larger than 1 MiB, more than a config file ever is"));
}

TEST_CASE("read_bounded_file with prefix_only gives the first bytes of a larger file", "[file]") {
    TempDir dir;
    const auto file = dir.write("program",
                                "\x7f"
                                "ELF and the rest of it");
    auto magic = read_bounded_file(file, {file.string(), "a program", 4, true});
    REQUIRE(magic);
    CHECK(*magic ==
          "\x7f"
          "ELF");
}

TEST_CASE("read_bounded_file refuses a FIFO, a device, a directory and a socket at once, saying which",
          "[file]") {
    TempDir dir;
    const auto fifo = dir / "fifo.toml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer: an open without O_NONBLOCK would block
    CHECK(refusal_of(fifo) == "the config file " + fifo.string() + " is not a regular file (a FIFO)");
    fs::create_symlink("/dev/zero", dir / "zero.toml");  // read whole, it never ends
    CHECK(refusal_of(dir / "zero.toml") ==
          "the config file " + (dir / "zero.toml").string() + " is not a regular file (a character device)");
    CHECK(refusal_of("/dev/null").ends_with(" is not a regular file (a character device)"));
    fs::create_directories(dir / "folder.toml");
    CHECK(refusal_of(dir / "folder.toml") ==
          "the config file " + (dir / "folder.toml").string() + " is a directory, not a config file");

    const auto socket_path = dir / "socket.toml";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    CHECK(refusal_of(socket_path).ends_with(" is not a regular file (a socket)"));
    ::close(fd);
}

TEST_CASE("read_bounded_file: a missing or unreadable file is an error naming it", "[file]") {
    TempDir dir;
    CHECK(refusal_of(dir / "nope.toml") ==
          "the config file " + (dir / "nope.toml").string() + " does not exist");
    fs::create_symlink(dir / "nope.toml", dir / "dangling.toml");
    CHECK(refusal_of(dir / "dangling.toml").ends_with(" does not exist"));
    if (::geteuid() != 0) {  // root reads anything
        const auto locked = dir.write("locked.toml", "units = \"metric\"\n");
        fs::permissions(locked, fs::perms::none);
        CHECK(refusal_of(locked).ends_with(" cannot be read: Permission denied"));
    }
}

TEST_CASE("read_bounded_file reads past the size fstat gave, up to the bound", "[file]") {
    // /proc files are regular files whose st_size is 0: the buffer starts at what fstat saw and
    // grows while reads fill it.
    const fs::path status = "/proc/self/status";
    auto text = read_bounded_file(status, config_like(status, 64 * 1024));
    REQUIRE(text);
    CHECK(text->starts_with("Name:"));
    CHECK(text->find("\nPid:") != std::string::npos);
    // Past the bound it is still refused, however small fstat said the file was.
    auto capped = read_bounded_file(status, config_like(status, 16));
    REQUIRE_FALSE(capped);
    CHECK(capped.error().message.find("larger than") != std::string::npos);
}
