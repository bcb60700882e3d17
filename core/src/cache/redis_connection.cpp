#include "cache/redis_connection.hpp"

#include <hiredis.h>
#include <sys/time.h>

#include <cerrno>
#include <cstddef>
#include <string>
#include <utility>

namespace tenki::cache {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
    return tv;
}

Result<RedisReply> convert(const redisReply* reply) {
    RedisReply out;
    switch (reply->type) {
        case REDIS_REPLY_NIL: out.type = RedisReply::Type::nil; break;
        case REDIS_REPLY_STRING:
            out.type = RedisReply::Type::string;
            out.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_STATUS:
            out.type = RedisReply::Type::status;
            out.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_INTEGER:
            out.type = RedisReply::Type::integer;
            out.integer = reply->integer;
            break;
        case REDIS_REPLY_ERROR:
            return fail(ErrorKind::bad_response, "Redis answered " + std::string(reply->str, reply->len));
        default: out.type = RedisReply::Type::other; break;
    }
    return out;
}

}  // namespace

void RedisConnection::Free::operator()(redisContext* context) const { redisFree(context); }

Result<RedisConnection> RedisConnection::open(const RedisUrl& url, std::chrono::milliseconds connect_timeout,
                                              std::chrono::milliseconds command_timeout) {
    redisContext* raw = redisConnectWithTimeout(url.host.c_str(), url.port, to_timeval(connect_timeout));
    if (!raw) return fail(ErrorKind::internal, "cannot allocate a Redis connection");
    RedisConnection connection(raw);
    if (raw->err)
        return fail(ErrorKind::unreachable, "cannot connect to " + url.display() + ": " + raw->errstr);
    if (redisSetTimeout(raw, to_timeval(command_timeout)) != REDIS_OK)
        return fail(ErrorKind::unreachable,
                    "cannot set the Redis command timeout: " + std::string(raw->errstr));
    if (!url.password.empty()) {
        auto auth = url.user.empty() ? connection.command({"AUTH", url.password})
                                     : connection.command({"AUTH", url.user, url.password});
        if (!auth) return tl::unexpected(auth.error());
    }
    const std::string db = std::to_string(url.db);
    auto ready = url.db != 0 ? connection.command({"SELECT", db}) : connection.command({"PING"});
    if (!ready) return tl::unexpected(ready.error());
    return connection;
}

Result<RedisReply> RedisConnection::command(const std::vector<std::string_view>& args) {
    auto replies = pipeline({args});
    if (!replies) return tl::unexpected(replies.error());
    RedisReply reply = std::move(replies->front());
    return reply;
}

Result<std::vector<RedisReply>> RedisConnection::pipeline(
    const std::vector<std::vector<std::string_view>>& commands) {
    auto replies = each(commands);
    if (!replies) return tl::unexpected(replies.error());
    std::vector<RedisReply> out;
    for (auto& reply : *replies) {
        if (!reply) return tl::unexpected(reply.error());
        out.push_back(std::move(*reply));
    }
    return out;
}

Result<std::vector<Result<RedisReply>>> RedisConnection::each(
    const std::vector<std::vector<std::string_view>>& commands) {
    auto* context = m_context.get();
    if (!context || context->err) return fail(ErrorKind::unreachable, "the Redis connection is closed");
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& args : commands) {
        argv.clear();
        lengths.clear();
        for (auto arg : args) {
            argv.push_back(arg.data());
            lengths.push_back(arg.size());
        }
        if (redisAppendCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()) !=
            REDIS_OK)
            return fail(ErrorKind::unreachable, std::string("Redis: ") + context->errstr);
    }
    // Every reply is read, errors included, so that the connection stays in step.
    std::vector<Result<RedisReply>> out;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        void* raw = nullptr;
        if (redisGetReply(context, &raw) != REDIS_OK || !raw) {
            const bool timed_out = context->err == REDIS_ERR_IO && errno == EAGAIN;
            return fail(timed_out ? ErrorKind::timeout : ErrorKind::unreachable,
                        "Redis: " + (timed_out ? std::string("timed out") : std::string(context->errstr)));
        }
        auto* reply = static_cast<redisReply*>(raw);
        out.push_back(convert(reply));
        freeReplyObject(reply);
    }
    return out;
}

bool wrong_type(const Error& error) {
    return error.kind == ErrorKind::bad_response && error.message.find("WRONGTYPE") != std::string::npos;
}

}  // namespace tenki::cache
