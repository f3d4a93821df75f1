namespace ShortVideo.Ranking.Onnx;

/// <summary>The protobuf encoding: field numbers from onnx.proto (onnx/onnx, proto2 syntax).</summary>
internal sealed partial class OnnxModelBuilder
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // OperatorSetIdProto (an empty domain is ai.onnx, so only the version is written)
    private const int OpsetVersion = 2;

    // StringStringEntryProto
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    private const string ProducerName = "ShortVideo SDK";

    private static ProtoMessage ValueInfo(string name, OnnxElementType type, OnnxDimension[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = new ProtoMessage();
        foreach (var dim in shape)
        {
            var proto = new ProtoMessage();
            dims.Message(ShapeDim, dim.Name is null ? proto.Varint(DimValue, dim.Size) : proto.String(DimParam, dim.Name));
        }

        var tensor = new ProtoMessage()
            .Varint(TensorTypeElemType, (long)type)
            .Message(TensorTypeShape, dims);
        return new ProtoMessage()
            .String(ValueInfoName, name)
            .Message(ValueInfoType, new ProtoMessage().Message(TypeTensor, tensor));
    }

    /// <summary>A TensorProto's header; the caller adds raw_data. Dims are repeated, unpacked, as proto2 declares them.</summary>
    private static ProtoMessage Tensor(string name, OnnxElementType type, long[] dims)
    {
        var tensor = new ProtoMessage();
        foreach (var dim in dims)
        {
            tensor.Varint(TensorDims, dim);
        }

        return tensor.Varint(TensorDataType, (long)type).String(TensorName, name);
    }

    private static ProtoMessage NodeProto(string name, string opType, string[] inputs, string[] outputs, OnnxAttribute[] attributes)
    {
        var node = new ProtoMessage();
        foreach (var input in inputs)
        {
            node.String(NodeInput, input);
        }

        foreach (var output in outputs)
        {
            node.String(NodeOutput, output);
        }

        node.String(NodeName, name).String(NodeOpType, opType);
        foreach (var attribute in attributes)
        {
            var proto = new ProtoMessage().String(AttributeName, attribute.Name).Varint(AttributeType, attribute.Type);
            switch (attribute.Type)
            {
                case OnnxAttribute.IntType:
                    proto.Varint(AttributeInt, attribute.IntValue);
                    break;
                case OnnxAttribute.FloatType:
                    proto.Float(AttributeFloat, attribute.FloatValue);
                    break;
                default:
                    foreach (var value in attribute.IntsValue!)
                    {
                        proto.Varint(AttributeInts, value);
                    }

                    break;
            }

            node.Message(NodeAttribute, proto);
        }

        return node;
    }

    private ProtoMessage ModelProto()
    {
        var graph = new ProtoMessage();
        foreach (var node in _nodes)
        {
            graph.Message(GraphNode, node);
        }

        graph.String(GraphName, _graphName);
        foreach (var initializer in _initializers)
        {
            graph.Message(GraphInitializer, initializer);
        }

        foreach (var input in _inputs)
        {
            graph.Message(GraphInput, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(GraphOutput, output);
        }

        var model = new ProtoMessage()
            .Varint(ModelIrVersion, IrVersion)
            .String(ModelProducerName, ProducerName)
            .String(ModelProducerVersion, typeof(OnnxModelBuilder).Assembly.GetName().Version?.ToString(3) ?? "0")
            .Message(ModelGraph, graph)
            .Message(ModelOpsetImport, new ProtoMessage().Varint(OpsetVersion, Opset));
        foreach (var (key, value) in _metadata)
        {
            model.Message(ModelMetadataProps, new ProtoMessage().String(EntryKey, key).String(EntryValue, value));
        }

        return model;
    }
}
