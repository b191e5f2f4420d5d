#define _GNU_SOURCE
#include "CSpawn.h"
#include <sys/resource.h>

int cspawn_setsid(posix_spawnattr_t *attributes) {
    short flags = 0;
    posix_spawnattr_getflags(attributes, &flags);
    return posix_spawnattr_setflags(attributes, flags | POSIX_SPAWN_SETSID);
}

int cspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int cspawn_limit_file_size(pid_t pid, unsigned long long bytes) {
    struct rlimit limit = { bytes, bytes };
    return prlimit(pid, RLIMIT_FSIZE, &limit, NULL);
}
