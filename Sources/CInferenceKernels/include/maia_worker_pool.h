#ifndef MAIA_WORKER_POOL_H
#define MAIA_WORKER_POOL_H

/// A fixed set of worker threads that run the parts of one parallel region at a time, for the forward pass.
///
/// Generating one token takes about 150 short regions (each block's products and attention). A worker that has
/// finished a part spins for a short while before it sleeps, so that the next region starts without a wake-up
/// (as llama.cpp's threads do); after that it sleeps until the next region, so an idle pool costs no CPU.

typedef struct maia_worker_pool maia_worker_pool;

/// Runs part `part` (0 ..< parts) of a region; `context` is the caller's.
typedef void (*maia_worker_task)(void *context, int part);

/// A pool with `workers` threads beside the caller's (0 runs every region on the caller's thread); NULL when a
/// thread could not be started.
maia_worker_pool *maia_worker_pool_create(int workers);

/// Runs `task` for parts 0 ..< `parts` and returns when all have finished: part p on the calling thread when
/// p % (workers + 1) is 0, otherwise on worker p % (workers + 1). One caller at a time.
void maia_worker_pool_run(maia_worker_pool *pool, maia_worker_task task, void *context, int parts);

/// Stops and joins the workers and frees the pool.
void maia_worker_pool_destroy(maia_worker_pool *pool);

#endif
