#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/cache/redis_cache.hpp"
#include "tenki/error.hpp"

struct redisContext;  // hiredis, included only in redis_connection.cpp

namespace tenki::cache {

struct RedisReply {
    enum class Type { nil, string, integer, status, other };
    Type type = Type::nil;
    std::string text;
    long long integer = 0;
};

// One blocking hiredis connection with connect and command timeouts, move-only. A failed
// command (timeout, reset, an error reply) is an `unreachable` or `bad_response` error, and a
// connection that failed once is not used again.
class RedisConnection {
public:
    static Result<RedisConnection> open(const RedisUrl& url, std::chrono::milliseconds connect_timeout,
                                        std::chrono::milliseconds command_timeout);

    Result<RedisReply> command(const std::vector<std::string_view>& args);
    // Sends every command, then reads every reply: one round trip. Fails if any command does.
    Result<std::vector<RedisReply>> pipeline(const std::vector<std::vector<std::string_view>>& commands);
    // The same, with each command's own answer: an error reply (WRONGTYPE...) is that command's
    // bad_response, the others still answer. Fails only when the connection does.
    Result<std::vector<Result<RedisReply>>> each(const std::vector<std::vector<std::string_view>>& commands);

private:
    struct Free {
        void operator()(redisContext* context) const;
    };
    explicit RedisConnection(redisContext* context) : m_context(context) {}

    std::unique_ptr<redisContext, Free> m_context;
};

// Whether a command failed because its key holds another type than the command works on
// (WRONGTYPE): the key is not ours, but Redis is fine.
bool wrong_type(const Error& error);

}  // namespace tenki::cache
