using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Onnx;

/// <summary>What <see cref="OnnxSession"/> asks of the runtime: create, describe, look up metadata, run, release.</summary>
internal sealed unsafe partial class OnnxRuntime
{
    // The inputs' OrtValue pointers live on the stack for a run; models here take one to four.
    private const int MaxInputs = 64;

    /// <summary>Parses <paramref name="model"/> (an .onnx file's bytes; the runtime keeps no reference to them).</summary>
    internal IntPtr CreateSession(ReadOnlySpan<byte> model, int intraOpThreads)
    {
        IntPtr options;
        Check(_createSessionOptions(&options));
        try
        {
            Check(_setIntraOpNumThreads(options, intraOpThreads));
            IntPtr session;
            fixed (byte* bytes = model)
            {
                Check(_createSessionFromArray(Env, bytes, (nuint)model.Length, options, &session));
            }

            return session;
        }
        finally
        {
            _releaseSessionOptions(options);
        }
    }

    internal void ReleaseSession(IntPtr session) => _releaseSession(session);

    /// <summary>The session's inputs (or outputs): names, element types and shapes.</summary>
    internal OnnxTensorInfo[] Describe(IntPtr session, bool inputs)
    {
        nuint count;
        Check(inputs ? _sessionGetInputCount(session, &count) : _sessionGetOutputCount(session, &count));
        var infos = new OnnxTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            Check(inputs ? _sessionGetInputName(session, i, Allocator, &name) : _sessionGetOutputName(session, i, Allocator, &name));
            var text = TakeString(name);
            IntPtr typeInfo;
            Check(inputs ? _sessionGetInputTypeInfo(session, i, &typeInfo) : _sessionGetOutputTypeInfo(session, i, &typeInfo));
            try
            {
                infos[(int)i] = DescribeTensor(text, typeInfo);
            }
            finally
            {
                _releaseTypeInfo(typeInfo);
            }
        }

        return infos;
    }

    /// <summary>The value of <paramref name="key"/> in the model's metadata_props, or null.</summary>
    internal string? LookupMetadata(IntPtr session, string key)
    {
        IntPtr metadata;
        Check(_sessionGetModelMetadata(session, &metadata));
        try
        {
            var keyBytes = new byte[System.Text.Encoding.UTF8.GetByteCount(key) + 1];
            System.Text.Encoding.UTF8.GetBytes(key, keyBytes);
            byte* value;
            fixed (byte* k = keyBytes)
            {
                Check(_modelMetadataLookupCustomMetadataMap(metadata, Allocator, k, &value));
            }

            return value is null ? null : TakeString(value);
        }
        finally
        {
            _releaseModelMetadata(metadata);
        }
    }

    /// <summary>
    /// Runs the session on <paramref name="inputs"/> (in the session's input order) and copies the float
    /// output named <paramref name="outputName"/> into <paramref name="destination"/>, which must have
    /// exactly as many elements. Returns the output's shape.
    /// </summary>
    internal long[] Run(IntPtr session, byte** inputNames, ReadOnlySpan<OnnxTensor> inputs, byte* outputName, Span<float> destination)
    {
        if (inputs.Length > MaxInputs)
        {
            throw new ArgumentException($"A run takes at most {MaxInputs} inputs.", nameof(inputs));
        }

        var values = stackalloc IntPtr[inputs.Length];
        var pins = ArrayPool<MemoryHandle>.Shared.Rent(inputs.Length);
        IntPtr output = IntPtr.Zero;
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                pins[i] = inputs[i].Pin();
                IntPtr value;
                fixed (long* shape = inputs[i].Shape)
                {
                    Check(_createTensorWithDataAsOrtValue(
                        MemoryInfo, pins[i].Pointer, (nuint)inputs[i].ByteLength, shape, (nuint)inputs[i].Shape.Length, (int)inputs[i].ElementType, &value));
                }

                values[i] = value;
            }

            Check(_run(session, IntPtr.Zero, inputNames, values, (nuint)inputs.Length, &outputName, 1, &output));

            return CopyFloatOutput(output, destination);
        }
        finally
        {
            if (output != IntPtr.Zero)
            {
                _releaseValue(output);
            }

            for (var i = 0; i < inputs.Length; i++)
            {
                if (values[i] != IntPtr.Zero)
                {
                    _releaseValue(values[i]);
                }

                pins[i].Dispose();
            }

            ArrayPool<MemoryHandle>.Shared.Return(pins, clearArray: true);
        }
    }

    private long[] CopyFloatOutput(IntPtr output, Span<float> destination)
    {
        IntPtr info;
        Check(_getTensorTypeAndShape(output, &info));
        long[] shape;
        int type;
        try
        {
            Check(_getTensorElementType(info, &type));
            shape = Dimensions(info);
        }
        finally
        {
            _releaseTensorTypeAndShapeInfo(info);
        }

        long elements = 1;
        foreach (var dim in shape)
        {
            elements *= dim;
        }

        if (type != (int)OnnxElementType.Float || elements != destination.Length)
        {
            throw new OnnxRuntimeException(string.Create(
                CultureInfo.InvariantCulture,
                $"The output holds {OnnxTensorInfo.TypeText((OnnxElementType)type)} of shape [{string.Join(", ", shape)}] ({elements} values) where {destination.Length} floats were expected."));
        }

        void* data;
        Check(_getTensorMutableData(output, &data));
        new ReadOnlySpan<float>(data, destination.Length).CopyTo(destination);
        return shape;
    }

    private OnnxTensorInfo DescribeTensor(string name, IntPtr typeInfo)
    {
        IntPtr tensorInfo;
        Check(_castTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        if (tensorInfo == IntPtr.Zero)
        {
            return new OnnxTensorInfo(name, OnnxElementType.Undefined, [], []);
        }

        // tensorInfo belongs to typeInfo: it is not released on its own.
        int type;
        Check(_getTensorElementType(tensorInfo, &type));
        var shape = Dimensions(tensorInfo);
        var names = new string[shape.Length];
        var symbols = stackalloc byte*[shape.Length];
        Check(_getSymbolicDimensions(tensorInfo, symbols, (nuint)shape.Length));
        for (var d = 0; d < shape.Length; d++)
        {
            names[d] = symbols[d] is null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)symbols[d]) ?? string.Empty;
        }

        return new OnnxTensorInfo(name, (OnnxElementType)type, shape, names);
    }

    private long[] Dimensions(IntPtr tensorInfo)
    {
        nuint rank;
        Check(_getDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            Check(_getDimensions(tensorInfo, dims, rank));
        }

        return shape;
    }

    /// <summary>Copies a string the runtime allocated with the default allocator, then frees it.</summary>
    private string TakeString(byte* text)
    {
        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
        }
        finally
        {
            Check(_allocatorFree(Allocator, text));
        }
    }
}
