#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

#include <sys/types.h>

/// glibc's GNU extensions to posix_spawn, which Swift's Glibc module leaves out: a child in a
/// session of its own (no controlling terminal) that starts in a given folder, and the largest
/// file it may write (prlimit's RLIMIT_FSIZE).
int cspawn_setsid(posix_spawnattr_t *attributes);
int cspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
int cspawn_limit_file_size(pid_t pid, unsigned long long bytes);

#endif
