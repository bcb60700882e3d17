#include "tenki/util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/core.h>

namespace tenki {

namespace {

// fd closed on every path out.
struct BoundedFd {
    int fd = -1;
    ~BoundedFd() {
        if (fd >= 0) ::close(fd);
    }
};

std::string bound_text(std::uintmax_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return fmt::format("{} MiB", bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
    return fmt::format("{} bytes", bytes);
}

std::string_view file_type_name(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a plain file";
}

// Why a file of this mode is not read, or "" when it is a regular file.
std::string file_refusal(mode_t mode, const FileToRead& file) {
    if (S_ISREG(mode)) return "";
    if (S_ISDIR(mode)) return fmt::format("{} is a directory, not {}", file.label, file.what);
    return fmt::format("{} is not a regular file ({})", file.label, file_type_name(mode));
}

std::string file_cannot_read(const FileToRead& file, int error) {
    if (error == ENOENT) return file.label + " does not exist";
    return fmt::format("{} cannot be read: {}", file.label, std::strerror(error));
}

std::string file_too_large(const FileToRead& file) {
    return fmt::format("{} is larger than {}, more than {} ever is", file.label, bound_text(file.max_bytes),
                       file.what);
}

}  // namespace

Result<std::string> read_bounded_file(const std::filesystem::path& path, const FileToRead& file) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return fail(ErrorKind::io, file_cannot_read(file, errno));
    if (auto why = file_refusal(st.st_mode, file); !why.empty()) return fail(ErrorKind::io, why);
    // Replaced by a FIFO between the stat and the open: O_NONBLOCK keeps the open from waiting
    // for a writer, and fstat sees what was opened.
    BoundedFd in{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
    if (in.fd < 0) return fail(ErrorKind::io, file_cannot_read(file, errno));
    if (::fstat(in.fd, &st) != 0) return fail(ErrorKind::io, file_cannot_read(file, errno));
    if (auto why = file_refusal(st.st_mode, file); !why.empty()) return fail(ErrorKind::io, why);
    if (!file.prefix_only && static_cast<std::uintmax_t>(st.st_size) > file.max_bytes)
        return fail(ErrorKind::io, file_too_large(file));
    // One byte past the bound tells a file that grew since the fstat from one that fits. The
    // buffer starts at the size fstat saw (a cache hit reads a 1 KB entry: a buffer of the
    // 1 MiB bound, zeroed, was most of its cost) and grows, up to the limit, while reads fill it.
    const std::size_t limit = file.max_bytes + (file.prefix_only ? 0 : 1);
    const auto seen = static_cast<std::uintmax_t>(std::max<off_t>(st.st_size, 0));
    std::string text(static_cast<std::size_t>(std::min<std::uintmax_t>(limit, seen + 1)), '\0');
    std::size_t got = 0;
    for (;;) {
        if (got == text.size()) {
            if (text.size() >= limit) break;
            text.resize(std::min(limit, std::max<std::size_t>(text.size() * 2, 4096)));
        }
        const ssize_t n = ::read(in.fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(ErrorKind::io, file_cannot_read(file, errno));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > file.max_bytes) return fail(ErrorKind::io, file_too_large(file));
    text.resize(got);
    return text;
}

}  // namespace tenki
