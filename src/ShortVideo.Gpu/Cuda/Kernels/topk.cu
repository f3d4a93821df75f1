// Exact maximum-inner-product top-k for ShortVideo.Gpu: CudaTopK launches these two kernels; build-ptx.sh
// compiles this file to topk.ptx, which the assembly embeds.
//
// topk_scan (phase 1): grid (chunks, query groups), 256 threads. A block scores one chunk of catalog rows
// against up to 8 queries and keeps each query's best k of that chunk.
//   - Rows pass through shared memory in tiles of 256 rows x 32 dimensions (coalesced 16-byte loads; fp16
//     rows are widened on the way), then each thread scores one row of the tile against every query of the
//     block: the tile is read from global memory once for all of them.
//   - Each query's scores are selected by 8 / queriesPerBlock warps, WarpSelect-style: a lane takes a score
//     only if it beats the warp's current k-th best, into a short sorted queue of its own (registers); when
//     any lane's queue is full, the warp sorts all lane queues together with a bitonic network over
//     shuffles and merges the sorted run into the warp queue, which raises the k-th best that later scores
//     must beat. Once that threshold settles, a score costs one comparison.
//   - The warps that share a query then merge their queues pairwise (BlockSelect) and the first writes the
//     chunk's best k.
// topk_merge (phase 2): one block per query selects the final k from its chunks' candidates with the same
// queues. It runs on the GPU, not the host, because the candidates (chunks x k per query, up to an eighth
// of the catalog: TopKLaunchPlan) would otherwise cross PCIe on every query.
//
// The warp queue (K = k rounded up to a power of two, 32 to 1024) lives in shared memory rather than in
// registers as in FAISS: FAISS instantiates one kernel per K with the queue unrolled into registers, which
// here made 6.5 MB of PTX (ptxas JIT time at every new driver) for little gain, since merges are rare once the
// threshold settles. A queue in shared memory takes k at run time: two kernels, and one more bitonic pass
// costs a shared-memory round trip instead of a shuffle.
//
// Order: score descending, then item id ascending, the order of the CPU's TopKHeap, so that both return the
// same items when scores tie exactly (identical vectors). Queues carry snapshot row indexes; the 64-bit ids
// are read from device memory only when two scores are equal. An empty slot (row -1) loses to any row.
#if defined(TOPK_EMULATION)
#include "emulation.h"
#else
#include "device.h"
#endif

typedef float float4v __attribute__((ext_vector_type(4)));
typedef unsigned int uint2v __attribute__((ext_vector_type(2)));

// Threads per block; CudaTopK launches exactly this many.
#define THREADS 256
#define WARPS (THREADS / 32)
// Rows per tile: one per thread, so scoring needs no loop over rows.
#define TILE_ROWS THREADS
// Dimensions per tile: 256 x 32 fp32 is 32 KiB, loaded as eight 16-byte pieces per thread.
#define TILE_DIMS 32
// Four padding floats per tile row: a quarter-warp's 16-byte reads of eight consecutive rows then fall in
// distinct banks (row pitch 36 words, 4 banks apart) instead of all in the same one.
#define TILE_PITCH (TILE_DIMS + 4)
#define MAX_QUERIES_PER_BLOCK WARPS
// Lane queue length: 4 x 32 candidates per merge; longer lane queues merge less often but sort more each
// time and cost registers.
#define LANE_QUEUE 4

// Shared memory of topk_scan, in floats, before the queues (CudaTopK's TopKKernels.ScanSharedBytes adds
// 8 warps x K x 8 bytes of queues): tile, query tile, tile scores.
#define SCAN_TILE_FLOATS (TILE_ROWS * TILE_PITCH)
#define SCAN_QUERY_FLOATS (MAX_QUERIES_PER_BLOCK * TILE_DIMS)
#define SCAN_SCORE_FLOATS (MAX_QUERIES_PER_BLOCK * TILE_ROWS)

// The selection order: is (as, ar) better than (bs, br)?
DEVICE bool better(float as, int ar, float bs, int br, const long long* ids)
{
    if (as != bs)
    {
        return as > bs;
    }

    if (ar < 0 || br < 0)
    {
        return ar >= 0 && br < 0;
    }

    return ids[ar] < ids[br];
}

// Compare-exchange of slot values between this lane and lane ^ mask: keep the better or the worse of the pair.
// One order test per exchange: the order is strict, so "worse" is "not better and not the same slot value"
// (only two empty slots compare equal).
DEVICE void exchange_lanes(float& score, int& row, int mask, bool keepBetter, const long long* ids)
{
    float otherScore;
    int otherRow;
    exchange_xor(score, row, mask, otherScore, otherRow);
    bool otherBetter = better(otherScore, otherRow, score, row, ids);
    if (otherBetter == keepBetter && otherRow != row)
    {
        score = otherScore;
        row = otherRow;
    }
}

// Compare-exchange of two slots of this lane: a gets the better of the pair when aGetsBetter.
DEVICE void exchange_slots(float& as, int& ar, float& bs, int& br, bool aGetsBetter, const long long* ids)
{
    bool bBetter = better(bs, br, as, ar, ids);
    if (bBetter == aGetsBetter && ar != br)
    {
        float s = as;
        int r = ar;
        as = bs;
        ar = br;
        bs = s;
        br = r;
    }
}

// One pass of a bitonic sorting network over 32 x S values held as element lane + 32 x slot. Elements i and
// i ^ Stride are compared; blocks of Size elements are ordered best first where i & Size is 0, worst first
// elsewhere, so that each stage leaves bitonic runs for the next.
template <int S, int Size, int Stride>
DEVICE void bitonic_pass(float (&score)[S], int (&row)[S], int lane, const long long* ids)
{
    if constexpr (Stride >= 32)
    {
#pragma unroll
        for (int j = 0; j < S; ++j)
        {
            int partner = j ^ (Stride / 32);
            if (partner > j)
            {
                exchange_slots(score[j], row[j], score[partner], row[partner], ((32 * j) & Size) == 0, ids);
            }
        }
    }
    else
    {
#pragma unroll
        for (int j = 0; j < S; ++j)
        {
            bool bestFirst = ((lane + (32 * j)) & Size) == 0;
            bool lower = (lane & Stride) == 0;
            exchange_lanes(score[j], row[j], Stride, lower == bestFirst, ids);
        }
    }
}

// The passes of one stage, strides Stride, Stride / 2, ..., 1. Templates rather than loops so that every
// register index is a constant: a variable index would move the lane queue to local memory.
template <int S, int Size, int Stride>
DEVICE void bitonic_stage(float (&score)[S], int (&row)[S], int lane, const long long* ids)
{
    bitonic_pass<S, Size, Stride>(score, row, lane, ids);
    if constexpr (Stride > 1)
    {
        bitonic_stage<S, Size, Stride / 2>(score, row, lane, ids);
    }
}

// Sorts the 32 x S values of the warp best first (stages of size 2, 4, ..., 32 x S).
template <int S, int Size = 2>
DEVICE void bitonic_sort(float (&score)[S], int (&row)[S], int lane, const long long* ids)
{
    bitonic_stage<S, Size, Size / 2>(score, row, lane, ids);
    if constexpr (Size < 32 * S)
    {
        bitonic_sort<S, Size * 2>(score, row, lane, ids);
    }
}

// The best k of everything one warp is offered. Every lane of the warp calls every member together.
struct WarpSelect
{
    // The warp queue in shared memory, best first, queueLength (K) entries.
    float* queueScore;
    int* queueRow;
    // This lane's candidates since the last merge, best first; row -1 marks an empty slot.
    float laneScore[LANE_QUEUE];
    int laneRow[LANE_QUEUE];
    // The k-th best of the warp queue: a candidate must beat it to be queued.
    float thresholdScore;
    int thresholdRow;
    int queueLength;
    int k;
    int lane;
    const long long* ids;

    METHOD void init(float* score, int* row, int length, int kValue, int laneValue, const long long* idsValue)
    {
        queueScore = score;
        queueRow = row;
        queueLength = length;
        k = kValue;
        lane = laneValue;
        ids = idsValue;
        thresholdScore = -__builtin_inff();
        thresholdRow = -1;
        for (int i = lane; i < queueLength; i += 32)
        {
            queueScore[i] = -__builtin_inff();
            queueRow[i] = -1;
        }

        clear_lane_queue();
        sync_warp();
    }

    METHOD void clear_lane_queue()
    {
#pragma unroll
        for (int j = 0; j < LANE_QUEUE; ++j)
        {
            laneScore[j] = -__builtin_inff();
            laneRow[j] = -1;
        }
    }

    // `valid` false offers nothing (an excluded row, tile padding) but still takes part in the warp's merge.
    METHOD void add(float score, int row, bool valid)
    {
        if (valid && better(score, row, thresholdScore, thresholdRow, ids))
        {
            insert(score, row);
        }

        // A full lane queue merges before its next insert could push a candidate out.
        if (any_lane(laneRow[LANE_QUEUE - 1] >= 0))
        {
            merge_lane_queues();
        }
    }

    // Sorted insert with constant register indexes: each slot takes the one above it, the new value, or stays.
    METHOD void insert(float score, int row)
    {
        bool above[LANE_QUEUE];
#pragma unroll
        for (int j = 0; j < LANE_QUEUE; ++j)
        {
            above[j] = better(score, row, laneScore[j], laneRow[j], ids);
        }

#pragma unroll
        for (int j = LANE_QUEUE - 1; j > 0; --j)
        {
            if (above[j - 1])
            {
                laneScore[j] = laneScore[j - 1];
                laneRow[j] = laneRow[j - 1];
            }
            else if (above[j])
            {
                laneScore[j] = score;
                laneRow[j] = row;
            }
        }

        if (above[0])
        {
            laneScore[0] = score;
            laneRow[0] = row;
        }
    }

    // Merges what the lane queues still hold; call once after the last add.
    METHOD void finish()
    {
        if (any_lane(laneRow[0] >= 0))
        {
            merge_lane_queues();
        }
    }

    METHOD void merge_lane_queues()
    {
        bitonic_sort<LANE_QUEUE>(laneScore, laneRow, lane, ids);
        // Candidate c (best first) against queue entry K - 1 - c, keeping the better: the queue then holds the
        // best K of both as a bitonic sequence (descending, then ascending), which one bitonic merge sorts.
#pragma unroll
        for (int j = 0; j < LANE_QUEUE; ++j)
        {
            int c = lane + (32 * j);
            int position = queueLength - 1 - c;
            if (position >= 0 && better(laneScore[j], laneRow[j], queueScore[position], queueRow[position], ids))
            {
                queueScore[position] = laneScore[j];
                queueRow[position] = laneRow[j];
            }
        }

        sync_warp();
        merge_queue();
        clear_lane_queue();
    }

    // Sorts the bitonic warp queue best first: strides K/2 ... 1, each lane exchanging pairs of shared slots.
    METHOD void merge_queue()
    {
        int half = queueLength >> 1;
        for (int stride = half; stride > 0; stride >>= 1)
        {
            for (int p = lane; p < half; p += 32)
            {
                int i = ((p & ~(stride - 1)) << 1) | (p & (stride - 1));
                int j = i + stride;
                if (better(queueScore[j], queueRow[j], queueScore[i], queueRow[i], ids))
                {
                    float s = queueScore[i];
                    int r = queueRow[i];
                    queueScore[i] = queueScore[j];
                    queueRow[i] = queueRow[j];
                    queueScore[j] = s;
                    queueRow[j] = r;
                }
            }

            sync_warp();
        }

        thresholdScore = queueScore[k - 1];
        thresholdRow = queueRow[k - 1];
    }

    // Takes the best K of this queue and another warp's finished one (BlockSelect's step).
    METHOD void merge_from(const float* otherScore, const int* otherRow)
    {
        for (int i = lane; i < queueLength; i += 32)
        {
            int o = queueLength - 1 - i;
            if (better(otherScore[o], otherRow[o], queueScore[i], queueRow[i], ids))
            {
                queueScore[i] = otherScore[o];
                queueRow[i] = otherRow[o];
            }
        }

        sync_warp();
        merge_queue();
    }

    METHOD void store(float* score, int* row)
    {
        for (int i = lane; i < k; i += 32)
        {
            score[i] = queueScore[i];
            row[i] = queueRow[i];
        }
    }
};

// BlockSelect's merge: the `warps` warps of a query group (a power of two, consecutive warp numbers) fold
// their queues pairwise until the group's first warp holds the group's best K.
DEVICE void merge_warps(WarpSelect& select, float* queueScores, int* queueRows, int warp, int sub, int warps)
{
    for (int step = warps / 2; step >= 1; step /= 2)
    {
        sync_block();
        if (sub < step)
        {
            int other = (warp + step) * select.queueLength;
            select.merge_from(queueScores + other, queueRows + other);
        }
    }
}

DEVICE int min_int(int a, int b) { return a < b ? a : b; }

// Half to float, exactly: the 15 magnitude bits go under an fp32 exponent 112 too small and the product with
// 2^112 rebiases normal and subnormal halves alike (the CPU's HalfRows does the same; storage holds no
// infinities or NaN).
DEVICE float half_to_float(unsigned int half)
{
    unsigned int bits = ((half & 0x7fffu) << 13) | ((half & 0x8000u) << 16);
    return __builtin_bit_cast(float, bits) * 0x1p112f;
}

DEVICE float4v load4(const unsigned char* items, long long row, int rowBytes, int column, int halfPrecision)
{
    if (halfPrecision)
    {
        uint2v h = *(const uint2v*)(items + (row * rowBytes) + ((long long)column * 2));
        float4v v = {half_to_float(h.x & 0xffffu), half_to_float(h.x >> 16), half_to_float(h.y & 0xffffu), half_to_float(h.y >> 16)};
        return v;
    }

    return *(const float4v*)(items + (row * rowBytes) + ((long long)column * 4));
}

// Phase 1. items: rows x stride values (fp32, or fp16 when halfPrecision), rows 16-byte aligned; ids: one per
// row; queries: batch x stride fp32, zero-padded; filters: null, or filterWords words per filter with
// filterOf[q] the filter of query q (-1: none); out: [query][chunk][k], row -1 where a chunk had fewer than
// k rows to offer. Shared memory: ScanSharedBytes(queueLength).
KERNEL void topk_scan(
    const unsigned char* items, const long long* ids, int rows, int stride, int halfPrecision,
    const float* queries, int batch, const unsigned long long* filters, const int* filterOf, int filterWords,
    int k, int queueLength, int rowsPerChunk, int queriesPerBlock, float* outScore, int* outRow)
{
    float* tile = shared_memory();
    float* queryTile = tile + SCAN_TILE_FLOATS;
    float* tileScores = queryTile + SCAN_QUERY_FLOATS;
    float* queueScores = tileScores + SCAN_SCORE_FLOATS;
    int* queueRows = (int*)(queueScores + (WARPS * queueLength));

    const int tid = thread_x();
    const int lane = tid & 31;
    const int warp = tid >> 5;
    const int warpsPerQuery = WARPS / queriesPerBlock;
    const int group = warp / warpsPerQuery;
    const int sub = warp % warpsPerQuery;
    const int firstQuery = block_y() * queriesPerBlock;
    const int query = firstQuery + group;
    const bool active = query < batch;
    const int chunkStart = block_x() * rowsPerChunk;
    const int chunkEnd = min_int(rows, chunkStart + rowsPerChunk);
    const int rowBytes = halfPrecision ? stride * 2 : stride * 4;
    const unsigned long long* filter = nullptr;
    if (filters != nullptr && active && filterOf[query] >= 0)
    {
        filter = filters + ((long long)filterOf[query] * filterWords);
    }

    WarpSelect select;
    select.init(queueScores + (warp * queueLength), queueRows + (warp * queueLength), queueLength, k, lane, ids);
    const int span = TILE_ROWS / warpsPerQuery;

    for (int tileStart = chunkStart; tileStart < chunkEnd; tileStart += TILE_ROWS)
    {
        float acc[MAX_QUERIES_PER_BLOCK];
#pragma unroll
        for (int s = 0; s < MAX_QUERIES_PER_BLOCK; ++s)
        {
            acc[s] = 0.0f;
        }

        for (int dim = 0; dim < stride; dim += TILE_DIMS)
        {
            sync_block();
            // 256 rows x 8 pieces of 4 values: thread t loads pieces t, t + 256, ...; eight consecutive threads
            // read one row's 128 contiguous bytes (64 for fp16).
#pragma unroll
            for (int i = 0; i < (TILE_ROWS * TILE_DIMS / 4) / THREADS; ++i)
            {
                int f = tid + (THREADS * i);
                int r = f >> 3;
                int c = (f & 7) * 4;
                float4v v = {0.0f, 0.0f, 0.0f, 0.0f};
                if (tileStart + r < chunkEnd && dim + c < stride)
                {
                    v = load4(items, tileStart + r, rowBytes, dim + c, halfPrecision);
                }

                *(float4v*)(tile + (r * TILE_PITCH) + c) = v;
            }

            {
                int s = tid >> 5;
                int c = tid & 31;
                bool inside = s < queriesPerBlock && firstQuery + s < batch && dim + c < stride;
                queryTile[tid] = inside ? queries[((long long)(firstQuery + s) * stride) + dim + c] : 0.0f;
            }

            sync_block();
            const float* mine = tile + (tid * TILE_PITCH);
#pragma unroll
            for (int c = 0; c < TILE_DIMS; c += 4)
            {
                float4v x = *(const float4v*)(mine + c);
#pragma unroll
                for (int s = 0; s < MAX_QUERIES_PER_BLOCK; ++s)
                {
                    if (s < queriesPerBlock)
                    {
                        float4v q = *(const float4v*)(queryTile + (s * TILE_DIMS) + c);
                        acc[s] = __builtin_fmaf(x.x, q.x, acc[s]);
                        acc[s] = __builtin_fmaf(x.y, q.y, acc[s]);
                        acc[s] = __builtin_fmaf(x.z, q.z, acc[s]);
                        acc[s] = __builtin_fmaf(x.w, q.w, acc[s]);
                    }
                }
            }
        }

#pragma unroll
        for (int s = 0; s < MAX_QUERIES_PER_BLOCK; ++s)
        {
            if (s < queriesPerBlock)
            {
                tileScores[(s * TILE_ROWS) + tid] = acc[s];
            }
        }

        sync_block();
        for (int t = (sub * span) + lane; t < (sub + 1) * span; t += 32)
        {
            int row = tileStart + t;
            bool valid = active && row < chunkEnd;
            if (valid && filter != nullptr)
            {
                valid = ((filter[row >> 6] >> (row & 63)) & 1) == 0;
            }

            select.add(tileScores[(group * TILE_ROWS) + t], row, valid);
        }
    }

    select.finish();
    merge_warps(select, queueScores, queueRows, warp, sub, warpsPerQuery);
    if (sub == 0 && active)
    {
        long long out = (((long long)query * grid_x()) + block_x()) * k;
        select.store(outScore + out, outRow + out);
    }
}

// Phase 2: one block per query; in: [query][perQuery] candidates (row -1: none); out: [query][k].
// Shared memory: MergeSharedBytes(queueLength).
KERNEL void topk_merge(
    const float* inScore, const int* inRow, int perQuery, const long long* ids, int k, int queueLength,
    float* outScore, int* outRow)
{
    float* queueScores = shared_memory();
    int* queueRows = (int*)(queueScores + (WARPS * queueLength));
    const int tid = thread_x();
    const int lane = tid & 31;
    const int warp = tid >> 5;
    const int query = block_x();
    const float* score = inScore + ((long long)query * perQuery);
    const int* row = inRow + ((long long)query * perQuery);

    WarpSelect select;
    select.init(queueScores + (warp * queueLength), queueRows + (warp * queueLength), queueLength, k, lane, ids);
    for (int base = warp * 32; base < perQuery; base += THREADS)
    {
        int i = base + lane;
        bool inside = i < perQuery;
        int r = inside ? row[i] : -1;
        select.add(inside ? score[i] : 0.0f, r, r >= 0);
    }

    select.finish();
    merge_warps(select, queueScores, queueRows, warp, warp, WARPS);
    if (warp == 0)
    {
        long long out = (long long)query * k;
        select.store(outScore + out, outRow + out);
    }
}
