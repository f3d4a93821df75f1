using ShortVideo.Ranking.Onnx;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Small re-ranker models written with our own ONNX writer, and what they should compute.</summary>
internal static class RerankerModels
{
    private static readonly OnnxDimension N = OnnxDimension.Symbolic("N");

    /// <summary>input [N, columns] -> sum of each row -> output [N].</summary>
    public static byte[] RowSum(int columns) =>
        new OnnxModelBuilder("row_sum")
            .Input("features", OnnxElementType.Float, N, OnnxDimension.Fixed(columns))
            .Output("score", OnnxElementType.Float, N)
            .Initializer("axis", [1], new long[] { 1 })
            .Node("ReduceSum", ["features", "axis"], ["score"], OnnxAttribute.Int("keepdims", 0))
            .ToArray();

    /// <summary>input [rows, columns] with a fixed row count.</summary>
    public static byte[] FixedBatch(int rows, int columns) =>
        new OnnxModelBuilder("fixed_batch")
            .Input("features", OnnxElementType.Float, OnnxDimension.Fixed(rows), OnnxDimension.Fixed(columns))
            .Output("score", OnnxElementType.Float, OnnxDimension.Fixed(rows))
            .Initializer("axis", [1], new long[] { 1 })
            .Node("ReduceSum", ["features", "axis"], ["score"], OnnxAttribute.Int("keepdims", 0))
            .ToArray();

    /// <summary>input [N, columns] -> two scores per row, output [N, 2].</summary>
    public static byte[] TwoScoresPerRow(int columns) =>
        new OnnxModelBuilder("two_scores")
            .Input("features", OnnxElementType.Float, N, OnnxDimension.Fixed(columns))
            .Output("score", OnnxElementType.Float, N, OnnxDimension.Fixed(2))
            .Initializer("w", [columns, 2], new float[columns * 2])
            .Node("MatMul", ["features", "w"], ["score"])
            .ToArray();

    /// <summary>
    /// input [N, columns] -> zeros [N] -> Log(zeros - 1) (NaN) or Reciprocal(zeros) (+infinity): a model
    /// that loads and runs but whose every score is not a finite number.
    /// </summary>
    public static byte[] NonFinite(int columns, string op)
    {
        var model = new OnnxModelBuilder("non_finite")
            .Input("features", OnnxElementType.Float, N, OnnxDimension.Fixed(columns))
            .Output("score", OnnxElementType.Float, N)
            .Initializer("axis", [1], new long[] { 1 })
            .Initializer("zero", [], new float[] { 0 })
            .Initializer("one", [], new float[] { 1 })
            .Node("Mul", ["features", "zero"], ["zeroed"])
            .Node("ReduceSum", ["zeroed", "axis"], ["zeros"], OnnxAttribute.Int("keepdims", 0));
        if (op == "Log")
        {
            model.Node("Sub", ["zeros", "one"], ["minus_one"]).Node("Log", ["minus_one"], ["score"]);
        }
        else
        {
            model.Node(op, ["zeros"], ["score"]);
        }

        return model.ToArray();
    }

    /// <summary>A two-layer perceptron: score = relu(x W1 + b1) W2 + b2, output [N, 1].</summary>
    public sealed class Mlp
    {
        private readonly float[] _w1;
        private readonly float[] _b1;
        private readonly float[] _w2;
        private readonly float _b2;

        public Mlp(int dimension, int hidden, int seed)
        {
            Dimension = dimension;
            Hidden = hidden;
            Columns = RerankFeatures.FeatureCount(dimension);
            var random = new Random(seed);
            _w1 = Values(random, Columns * hidden, 0.3f);
            _b1 = Values(random, hidden, 0.1f);
            _w2 = Values(random, hidden, 0.5f);
            _b2 = 0.25f;
        }

        public int Dimension { get; }

        public int Hidden { get; }

        public int Columns { get; }

        public byte[] ToOnnx() =>
            new OnnxModelBuilder("mlp_reranker")
                .Input("features", OnnxElementType.Float, N, OnnxDimension.Fixed(Columns))
                .Output("score", OnnxElementType.Float, N, OnnxDimension.Fixed(1))
                .Initializer("w1", [Columns, Hidden], _w1)
                .Initializer("b1", [Hidden], _b1)
                .Initializer("w2", [Hidden, 1], _w2)
                .Initializer("b2", [1], new[] { _b2 })
                .Node("MatMul", ["features", "w1"], ["hidden_linear"])
                .Node("Add", ["hidden_linear", "b1"], ["hidden_biased"])
                .Node("Relu", ["hidden_biased"], ["hidden"])
                .Node("MatMul", ["hidden", "w2"], ["score_linear"])
                .Node("Add", ["score_linear", "b2"], ["score"])
                .ToArray();

        /// <summary>The same computation in managed code, in double, from the batch's feature rows.</summary>
        public float[] Scores(RerankBatch batch)
        {
            var features = new float[batch.Count * Columns];
            RerankFeatures.Write(batch, features);
            var scores = new float[batch.Count];
            for (var n = 0; n < batch.Count; n++)
            {
                double score = _b2;
                for (var h = 0; h < Hidden; h++)
                {
                    double sum = _b1[h];
                    for (var c = 0; c < Columns; c++)
                    {
                        sum += (double)features[(n * Columns) + c] * _w1[(c * Hidden) + h];
                    }

                    score += Math.Max(sum, 0) * _w2[h];
                }

                scores[n] = (float)score;
            }

            return scores;
        }

        private static float[] Values(Random random, int count, float scale)
        {
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
            }

            return values;
        }
    }
}
