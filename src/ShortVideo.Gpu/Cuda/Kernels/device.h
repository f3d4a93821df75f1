// What cuda_runtime.h would give topk.cu, for clang's CUDA device compilation without the CUDA SDK
// (-nocudainc -nocudalib): attributes and the NVVM builtins for thread indexes, barriers, shuffles and votes.
// The tests compile topk.cu a second time for the CPU with emulation.h in place of this file, so topk.cu
// uses only the primitives both headers define.
#pragma once

#define KERNEL extern "C" __attribute__((global)) __attribute__((launch_bounds(256)))
#define DEVICE __attribute__((device)) __attribute__((always_inline)) static inline
#define METHOD __attribute__((device)) __attribute__((always_inline))
#define SHARED __attribute__((shared))

#define FULL_WARP 0xffffffffu
// Shuffle clamp operand for a whole 32-lane warp (the "c" operand of shfl.sync).
#define WARP_CLAMP 0x1f

DEVICE int thread_x() { return __nvvm_read_ptx_sreg_tid_x(); }
DEVICE int block_x() { return __nvvm_read_ptx_sreg_ctaid_x(); }
DEVICE int block_y() { return __nvvm_read_ptx_sreg_ctaid_y(); }
DEVICE int grid_x() { return __nvvm_read_ptx_sreg_nctaid_x(); }
DEVICE void sync_block() { __syncthreads(); }
DEVICE void sync_warp() { __nvvm_bar_warp_sync(FULL_WARP); }

// (score, row) of lane ^ mask.
DEVICE void exchange_xor(float score, int row, int mask, float& otherScore, int& otherRow)
{
    otherScore = __nvvm_shfl_sync_bfly_f32(FULL_WARP, score, mask, WARP_CLAMP);
    otherRow = __nvvm_shfl_sync_bfly_i32(FULL_WARP, row, mask, WARP_CLAMP);
}

DEVICE bool any_lane(bool predicate) { return __nvvm_vote_ballot_sync(FULL_WARP, predicate) != 0; }

// The block's dynamic shared memory (the launch's sharedMemBytes), 16-byte aligned.
extern SHARED __attribute__((aligned(16))) float dynamic_shared[];
DEVICE float* shared_memory() { return dynamic_shared; }
