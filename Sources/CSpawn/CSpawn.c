#define _GNU_SOURCE
#include "CSpawn.h"

int cspawn_setsid(posix_spawnattr_t *attributes) {
    short flags = 0;
    posix_spawnattr_getflags(attributes, &flags);
    return posix_spawnattr_setflags(attributes, flags | POSIX_SPAWN_SETSID);
}

int cspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}
