// Exposes libgit2 to Swift; only NKSStore imports this module.
#include <git2.h>
