using System.Globalization;

namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// Builds a small ONNX model (one graph, operators of the default ai.onnx domain) and writes it as an
/// .onnx protobuf. Names are checked as the graph grows, so a typo fails here with a sentence instead of
/// later inside the runtime.
/// </summary>
/// <remarks>
/// Opset 17 with IR version 8 (the pair ONNX 1.12 introduced): every operator used here exists there in
/// its current form (ReduceSum and Unsqueeze take their axes as an input since opset 13), and every ONNX
/// Runtime from 1.12 on loads it.
/// </remarks>
internal sealed partial class OnnxModelBuilder
{
    public const long IrVersion = 8;
    public const long Opset = 17;

    private readonly string _graphName;
    private readonly List<ProtoMessage> _inputs = [];
    private readonly List<ProtoMessage> _outputs = [];
    private readonly List<string> _outputNames = [];
    private readonly List<ProtoMessage> _initializers = [];
    private readonly List<ProtoMessage> _nodes = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public OnnxModelBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        _graphName = graphName;
    }

    /// <summary>Declares a graph input the caller feeds on every run.</summary>
    public OnnxModelBuilder Input(string name, OnnxElementType type, params OnnxDimension[] shape)
    {
        Define(name, "input");
        _inputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>Declares a graph output; a node (or an input) must produce it before the model is written.</summary>
    public OnnxModelBuilder Output(string name, OnnxElementType type, params OnnxDimension[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_outputNames.Contains(name))
        {
            throw new ArgumentException($"The graph already has an output named '{name}'.", nameof(name));
        }

        _outputNames.Add(name);
        _outputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>
    /// A float constant of shape <paramref name="dims"/>: <paramref name="leadingZeros"/> zeros, then
    /// <paramref name="values"/> (row-major). The leading zeros give a table its all-zero row 0 without
    /// copying the table.
    /// </summary>
    public OnnxModelBuilder Initializer(string name, long[] dims, ReadOnlyMemory<float> values, long leadingZeros = 0)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentOutOfRangeException.ThrowIfNegative(leadingZeros);
        RequireElementCount(name, dims, leadingZeros + values.Length);
        Define(name, "initializer");
        _initializers.Add(Tensor(name, OnnxElementType.Float, dims).Floats(TensorRawData, values, leadingZeros));
        return this;
    }

    /// <summary>An int64 constant of shape <paramref name="dims"/> (axes, shapes, indices).</summary>
    public OnnxModelBuilder Initializer(string name, long[] dims, ReadOnlyMemory<long> values)
    {
        ArgumentNullException.ThrowIfNull(dims);
        RequireElementCount(name, dims, values.Length);
        Define(name, "initializer");
        _initializers.Add(Tensor(name, OnnxElementType.Int64, dims).Int64s(TensorRawData, values));
        return this;
    }

    /// <summary>
    /// An operator of the ai.onnx domain. Every input must already be a graph input, an initializer or an
    /// earlier node's output (graphs are written in topological order); an empty name is an omitted
    /// optional input.
    /// </summary>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var input in inputs)
        {
            if (input.Length > 0 && !_values.Contains(input))
            {
                throw new ArgumentException(
                    $"The {opType} node reads '{input}', which no input, initializer or earlier node defines.", nameof(inputs));
            }
        }

        foreach (var output in outputs)
        {
            Define(output, $"{opType} node output");
        }

        _nodes.Add(NodeProto(string.Create(CultureInfo.InvariantCulture, $"{opType}_{_nodes.Count}"), opType, inputs, outputs, attributes));
        return this;
    }

    /// <summary>A key/value pair in the model's metadata_props (readable through the runtime's model metadata).</summary>
    public OnnxModelBuilder Metadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var existing in _metadata)
        {
            if (existing.Key == key)
            {
                throw new ArgumentException($"The model already has a metadata entry '{key}'.", nameof(key));
            }
        }

        _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>The .onnx file's bytes.</summary>
    public byte[] ToArray() => Model().ToArray();

    /// <summary>Writes the .onnx file to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Model();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        model.WriteTo(file);
    }

    private static void RequireElementCount(string name, long[] dims, long count)
    {
        long expected = 1;
        foreach (var dim in dims)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Initializer '{name}' has a negative dimension; constants have fixed shapes.", nameof(dims));
            }

            expected = checked(expected * dim);
        }

        if (expected != count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Initializer '{name}' of shape [{string.Join(", ", dims)}] needs {expected} values but has {count}."),
                nameof(dims));
        }
    }

    private void Define(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_values.Add(name))
        {
            throw new ArgumentException($"The graph already defines a value named '{name}' (adding it as {what}).", nameof(name));
        }
    }

    private ProtoMessage Model()
    {
        foreach (var output in _outputNames)
        {
            if (!_values.Contains(output))
            {
                throw new InvalidOperationException($"The graph output '{output}' is produced by no node.");
            }
        }

        return ModelProto();
    }
}
