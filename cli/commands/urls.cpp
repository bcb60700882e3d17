#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands/commands.hpp"
#include "tenki/server/api/request_target.hpp"
#include "tenki/server/api/routes.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::cli {

namespace {

struct UrlsOptions {
    std::string sort = "endpoint";
    bool json = false;
    std::optional<std::string> path;
    std::string method = "GET";
};

CommandResult show_match(const UrlsOptions& opt) {
    auto target = server::parse_request_target(*opt.path);
    if (!target) return tl::unexpected(target.error());
    auto found = server::match(opt.method, target->path);
    if (opt.json) {
        nlohmann::json doc = {{"path", target->path}, {"method", opt.method}, {"status", found.status}};
        if (found.route) {
            doc["endpoint"] = found.route->endpoint;
            doc["rule"] = found.route->rule;
            doc["methods"] = found.route->methods;
        }
        std::cout << doc.dump(2) << '\n';
    } else if (found.status == 200) {
        std::cout << "<Rule '" << found.route->rule << "' (" << found.route->methods << ") -> "
                  << found.route->endpoint << ">\n";
    }
    if (found.status == 404)
        return fail(ErrorKind::not_found,
                    "404 Not Found: no route matches " + target->path + " (see tenki urls)");
    if (found.status == 405)
        return fail(ErrorKind::invalid_input, "405 Method Not Allowed: " + target->path + " allows " +
                                                  std::string(found.allow) + ", not " + opt.method);
    return 0;
}

CommandResult run_urls(const UrlsOptions& opt) {
    if (opt.path) return show_match(opt);
    std::cout << (opt.json ? server::route_table_json(opt.sort) + "\n"
                           : server::format_route_table(opt.sort));
    return 0;
}

}  // namespace

void register_urls(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<UrlsOptions>();
    auto* sub = app.add_subcommand("urls", "List the server's routes, or show which one a path matches");
    sub->alias("show-urls");
    auto* path = sub->add_option("path", opt->path,
                                 "A path (or URL path with a query) to match, e.g. /api/v1/weather");
    sub->add_option("--sort", opt->sort, "Sort the table by endpoint, methods or rule")
        ->check(CLI::IsMember({"endpoint", "methods", "rule"}))
        ->capture_default_str();
    sub->add_option("--method", opt->method, "The method to match the path with")
        ->transform(
            CLI::IsMember({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}, CLI::ignore_case))
        ->capture_default_str()
        ->needs(path);  // the listing has every method: without a path, --method would be ignored
    sub->add_flag("--json", opt->json, "Print JSON instead of a table");
    sub->footer(
        "Given a path, exits 0 when a route matches, 3 when none does (404), 2 for another method (405).");
    sub->callback([opt, &ctx] { ctx.run = [opt] { return run_urls(*opt); }; });
}

}  // namespace tenki::cli
