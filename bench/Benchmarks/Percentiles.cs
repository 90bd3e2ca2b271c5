namespace MarrowBot.Benchmarks;

/// <summary>Summarises timings in milliseconds.</summary>
public static class Percentiles
{
    public static string Describe(IReadOnlyList<double> milliseconds, string unit = "ms")
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return $"n={sorted.Length} mean {sorted.Average():0.000} p50 {At(0.50):0.000} p95 {At(0.95):0.000} p99 {At(0.99):0.000} max {sorted[^1]:0.000} {unit}";
    }
}
