#include "tenki/util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

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
    // One byte past the bound tells a file that grew since the fstat from one that fits.
    std::string text(file.max_bytes + (file.prefix_only ? 0 : 1), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
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
