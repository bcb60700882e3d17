#include "http/deadline.hpp"

#include <algorithm>

namespace tenki::http {

namespace {

thread_local std::optional<Deadline> t_deadline;

}  // namespace

DeadlineScope::DeadlineScope(Deadline until) : m_outer(t_deadline) {
    t_deadline = m_outer ? std::min(*m_outer, until) : until;
}

DeadlineScope::~DeadlineScope() { t_deadline = m_outer; }

std::optional<Deadline> current_deadline() { return t_deadline; }

}  // namespace tenki::http
