using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/ShortVideo.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
