#include "maia_worker_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MAIA_CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define MAIA_CPU_RELAX() __asm__ __volatile__("yield")
#else
#define MAIA_CPU_RELAX() ((void)0)
#endif

/// How long a thread spins on a condition before it sleeps: longer than the gap between two regions of a token
/// and between two tokens (sampling, detokenising: tens of microseconds), short enough that a pool left idle
/// after an answer stops using the CPU at once.
#define MAIA_SPIN_NANOSECONDS 1000000L

struct maia_worker_pool {
    int workers;
    pthread_t *threads;
    struct maia_worker_start *starts;
    /// The region being run; written by the caller before `epoch` is advanced, read by workers after.
    maia_worker_task task;
    void *context;
    int parts;
    /// Advanced once per region (and once to stop): a worker runs a region when it sees a new value.
    _Atomic unsigned long epoch;
    /// Workers that have not yet finished the current region (all of them, whether or not they have a part, so that
    /// no worker still reads the region's fields when the caller writes the next one's).
    _Atomic int remaining;
    _Atomic int stopping;
    _Atomic int sleeping_workers;
    _Atomic int caller_sleeping;
    pthread_mutex_t mutex;
    pthread_cond_t region_started;
    pthread_cond_t region_finished;
};

struct maia_worker_start {
    maia_worker_pool *pool;
    int index;
};

static long long maia_now_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/// Spins until `*value != unwanted` or the spin time is over; returns the last value read.
static unsigned long maia_spin_while_equal(_Atomic unsigned long *value, unsigned long unwanted) {
    long long deadline = 0;
    for (unsigned spins = 0;; spins++) {
        unsigned long current = atomic_load_explicit(value, memory_order_acquire);
        if (current != unwanted) return current;
        if ((spins & 63) == 0) {
            long long now = maia_now_nanoseconds();
            if (deadline == 0) deadline = now + MAIA_SPIN_NANOSECONDS;
            else if (now > deadline) return current;
        }
        MAIA_CPU_RELAX();
    }
}

static void *maia_worker_main(void *argument) {
    struct maia_worker_start *start = argument;
    maia_worker_pool *pool = start->pool;
    int part = start->index + 1;
    unsigned long seen = 0;
    for (;;) {
        unsigned long epoch = maia_spin_while_equal(&pool->epoch, seen);
        if (epoch == seen) {
            // Sequentially consistent: either the caller sees this worker asleep after advancing the epoch, or this
            // worker sees the new epoch before waiting; a wake-up cannot be lost.
            pthread_mutex_lock(&pool->mutex);
            atomic_fetch_add(&pool->sleeping_workers, 1);
            while ((epoch = atomic_load(&pool->epoch)) == seen) pthread_cond_wait(&pool->region_started, &pool->mutex);
            atomic_fetch_sub(&pool->sleeping_workers, 1);
            pthread_mutex_unlock(&pool->mutex);
        }
        seen = epoch;
        if (atomic_load_explicit(&pool->stopping, memory_order_acquire)) return NULL;
        for (int next = part; next < pool->parts; next += pool->workers + 1) pool->task(pool->context, next);
        if (atomic_fetch_sub(&pool->remaining, 1) == 1 && atomic_load(&pool->caller_sleeping)) {
            pthread_mutex_lock(&pool->mutex);
            pthread_cond_signal(&pool->region_finished);
            pthread_mutex_unlock(&pool->mutex);
        }
    }
}

/// Advances the epoch and wakes the workers that sleep.
static void maia_start_region(maia_worker_pool *pool) {
    atomic_store(&pool->remaining, pool->workers);
    atomic_fetch_add(&pool->epoch, 1);
    if (atomic_load(&pool->sleeping_workers) > 0) {
        pthread_mutex_lock(&pool->mutex);
        pthread_cond_broadcast(&pool->region_started);
        pthread_mutex_unlock(&pool->mutex);
    }
}

static void maia_wait_for_workers(maia_worker_pool *pool) {
    long long deadline = maia_now_nanoseconds() + MAIA_SPIN_NANOSECONDS;
    for (unsigned spins = 0; atomic_load_explicit(&pool->remaining, memory_order_acquire) != 0; spins++) {
        if ((spins & 63) == 63 && maia_now_nanoseconds() > deadline) {
            pthread_mutex_lock(&pool->mutex);
            atomic_store(&pool->caller_sleeping, 1);
            while (atomic_load(&pool->remaining) != 0) pthread_cond_wait(&pool->region_finished, &pool->mutex);
            atomic_store(&pool->caller_sleeping, 0);
            pthread_mutex_unlock(&pool->mutex);
            return;
        }
        MAIA_CPU_RELAX();
    }
}

maia_worker_pool *maia_worker_pool_create(int workers) {
    maia_worker_pool *pool = calloc(1, sizeof(maia_worker_pool));
    if (pool == NULL) return NULL;
    pool->threads = calloc(workers > 0 ? workers : 1, sizeof(pthread_t));
    pool->starts = calloc(workers > 0 ? workers : 1, sizeof(struct maia_worker_start));
    if (pool->threads == NULL || pool->starts == NULL) {
        free(pool->threads);
        free(pool->starts);
        free(pool);
        return NULL;
    }
    pthread_mutex_init(&pool->mutex, NULL);
    pthread_cond_init(&pool->region_started, NULL);
    pthread_cond_init(&pool->region_finished, NULL);
    for (int index = 0; index < workers; index++) {
        pool->starts[index] = (struct maia_worker_start){pool, index};
        if (pthread_create(&pool->threads[index], NULL, maia_worker_main, &pool->starts[index]) != 0) {
            pool->workers = index;
            maia_worker_pool_destroy(pool);
            return NULL;
        }
        pool->workers = index + 1;
    }
    return pool;
}

void maia_worker_pool_run(maia_worker_pool *pool, maia_worker_task task, void *context, int parts) {
    if (pool->workers == 0 || parts <= 1) {
        for (int part = 0; part < parts; part++) task(context, part);
        return;
    }
    pool->task = task;
    pool->context = context;
    pool->parts = parts;
    maia_start_region(pool);
    for (int part = 0; part < parts; part += pool->workers + 1) task(context, part);
    maia_wait_for_workers(pool);
}

void maia_worker_pool_destroy(maia_worker_pool *pool) {
    if (pool == NULL) return;
    if (pool->workers > 0) {
        atomic_store(&pool->stopping, 1);
        pool->parts = 0;
        maia_start_region(pool);
        for (int index = 0; index < pool->workers; index++) pthread_join(pool->threads[index], NULL);
    }
    pthread_cond_destroy(&pool->region_started);
    pthread_cond_destroy(&pool->region_finished);
    pthread_mutex_destroy(&pool->mutex);
    free(pool->threads);
    free(pool->starts);
    free(pool);
}
