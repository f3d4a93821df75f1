using System.Runtime.InteropServices;
using System.Text;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// One loaded model. <see cref="Run"/> may be called from any number of threads at once (ONNX Runtime
/// sessions are safe for concurrent runs); disposing while runs are in flight waits for none of them, but
/// the native session is only released once the last of them has returned.
/// </summary>
internal sealed unsafe class OnnxSession : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly SessionHandle _handle;

    private OnnxSession(OnnxRuntime runtime, SessionHandle handle, OnnxTensorInfo[] inputs, OnnxTensorInfo[] outputs)
    {
        _runtime = runtime;
        _handle = handle;
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>Loads a model from an .onnx file's bytes; a malformed model throws the runtime's message.</summary>
    public static OnnxSession Create(OnnxRuntime runtime, ReadOnlySpan<byte> model, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        var session = runtime.CreateSession(model, intraOpThreads);
        var handle = new SessionHandle(runtime, session);
        try
        {
            var inputs = runtime.Describe(session, inputs: true);
            var outputs = runtime.Describe(session, inputs: false);
            handle.SetNames(inputs, outputs);
            return new OnnxSession(runtime, handle, inputs, outputs);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The value of <paramref name="key"/> in the model's metadata_props, or null.</summary>
    public string? Metadata(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            return _runtime.LookupMetadata(_handle.DangerousGetHandle(), key);
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (one per model input, in order) and copies float output
    /// <paramref name="output"/> into <paramref name="destination"/>, which must hold exactly its element
    /// count. Returns the output's shape.
    /// </summary>
    public long[] Run(ReadOnlySpan<OnnxTensor> inputs, int output, Span<float> destination)
    {
        if (inputs.Length != Inputs.Count)
        {
            throw new ArgumentException($"The model takes {Inputs.Count} inputs; {inputs.Length} were given.", nameof(inputs));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Outputs.Count);
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            return _runtime.Run(_handle.DangerousGetHandle(), _handle.InputNames, inputs, _handle.OutputNames[output], destination);
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The native session and the UTF-8 names every run passes, released together when the last user lets
    /// go (SafeHandle's reference count).
    /// </summary>
    private sealed class SessionHandle : SafeHandle
    {
        private readonly OnnxRuntime _runtime;

        public SessionHandle(OnnxRuntime runtime, IntPtr session)
            : base(IntPtr.Zero, ownsHandle: true)
        {
            _runtime = runtime;
            SetHandle(session);
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        public byte** InputNames { get; private set; }

        public byte** OutputNames { get; private set; }

        private int NameCount { get; set; }

        public void SetNames(OnnxTensorInfo[] inputs, OnnxTensorInfo[] outputs)
        {
            InputNames = (byte**)NativeMemory.AllocZeroed((nuint)(inputs.Length + outputs.Length + 1), (nuint)sizeof(byte*));
            OutputNames = InputNames + inputs.Length;
            NameCount = inputs.Length + outputs.Length;
            for (var i = 0; i < inputs.Length; i++)
            {
                InputNames[i] = Utf8(inputs[i].Name);
            }

            for (var i = 0; i < outputs.Length; i++)
            {
                OutputNames[i] = Utf8(outputs[i].Name);
            }
        }

        protected override bool ReleaseHandle()
        {
            _runtime.ReleaseSession(handle);
            if (InputNames is not null)
            {
                for (var i = 0; i < NameCount; i++)
                {
                    NativeMemory.Free(InputNames[i]);
                }

                NativeMemory.Free(InputNames);
            }

            return true;
        }

        private static byte* Utf8(string text)
        {
            var length = Encoding.UTF8.GetByteCount(text);
            var bytes = (byte*)NativeMemory.AllocZeroed((nuint)length + 1);
            Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
            return bytes;
        }
    }
}
