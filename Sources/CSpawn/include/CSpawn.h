#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// glibc's GNU extensions to posix_spawn, which Swift's Glibc module leaves out: a child in a
/// session of its own (no controlling terminal) that starts in a given folder.
int cspawn_setsid(posix_spawnattr_t *attributes);
int cspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
