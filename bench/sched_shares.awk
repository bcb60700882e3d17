# Reads `perf sched timehist` (columns: time, [cpu], task[tid/pid], wait, sched delay, run time,
# the last three in ms) and prints, for serve_sched.sh: per CPU the share of the window each
# task ran and the idle rest; per task of the benchmark (wrk and the server's threads) its
# switches-in, run time and scheduling delay per request. Variables: server, rps (wrk's), pid
# (the server's process), wrk (wrk's process).
NR > 3 && NF >= 6 {
    if ($3 ~ /^<idle>/) next
    # comm[tid] or comm[tid/pid]
    n = split($3, id, /[\[\/\]]/)
    owner = id[3] != "" ? id[3] : id[2]
    kind = "other"
    if (owner == wrk) kind = "wrk"
    else if (owner == pid) kind = server ":" id[2]
    run[$2, kind] += $6
    kinds[kind] = 1
    cpus[$2] = 1
    if (kind != "other") {
        switches[kind]++
        ran[kind] += $6
        delay[kind] += $5
    }
    if (first == "") first = $1
    last = $1
}
END {
    span = (last - first) * 1000
    requests = rps * (last - first)
    printf "%s: %.0f requests/s\n", server, rps
    n = 0
    for (c in cpus) order[++n] = c
    for (i = 2; i <= n; i++)  # insertion sort: mawk has no asort
        for (j = i; j > 1 && order[j - 1] > order[j]; j--) {
            t = order[j]
            order[j] = order[j - 1]
            order[j - 1] = t
        }
    for (i = 1; i <= n; i++) {
        c = order[i]
        line = ""
        busy = 0
        for (k in kinds)
            if (run[c, k] > 0) {
                line = line sprintf(" %s %.0f%%", k, run[c, k] / span * 100)
                busy += run[c, k]
            }
        printf "  cpu %s:%s, idle %.0f%%\n", c, line, (span - busy) / span * 100
    }
    for (k in switches)
        printf "  %-24s switched in %.3f a request (%.1f requests a turn), ran %.2f us, waited runnable %.2f us a request\n",
            k, switches[k] / requests, requests / switches[k], ran[k] * 1000 / requests, delay[k] * 1000 / requests
}
