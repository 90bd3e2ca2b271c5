using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Names and resolves the "$type" of stored state, as Bot Builder's MemoryStorage does (TypeNameHandling.All), with
/// two differences. Writing: collections the C# compiler synthesises for collection expressions
/// (<c>IReadOnlyList&lt;string&gt; x = ["a"]</c> is a <c>&lt;&gt;z__ReadOnlyArray</c>) have no constructor Json.NET can
/// use, so they are named as <see cref="List{T}"/>, which every read-only collection interface accepts. Reading:
/// only the bot's own types, Bot Framework schema types, primitives and generic collections are created, so a row
/// changed in the database cannot make the bot instantiate an arbitrary type.
/// </summary>
public sealed class StateTypeBinder : ISerializationBinder
{
    private static readonly HashSet<string> AllowedAssemblies = new(StringComparer.Ordinal)
    {
        "System.Private.CoreLib", "mscorlib", "netstandard", "System.Runtime", "System.Collections",
        "Microsoft.Bot.Schema", "Microsoft.Bot.Builder",
    };

    private static readonly HashSet<string> AllowedSystemNamespaces = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic", "System.Collections.ObjectModel",
    };

    private static readonly HashSet<Type> AllowedSystemTypes =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(object), typeof(Nullable<>), typeof(Uri),
    ];

    private readonly DefaultSerializationBinder _default = new();

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        if (SynthesizedElementType(serializedType) is { } element)
        {
            serializedType = typeof(List<>).MakeGenericType(element);
        }

        _default.BindToName(serializedType, out assemblyName, out typeName);
    }

    public Type BindToType(string? assemblyName, string typeName)
    {
        if (assemblyName is not null && !IsAllowedAssembly(assemblyName))
        {
            throw new JsonSerializationException($"Stored state names a type from an assembly that is not allowed: {assemblyName}.");
        }

        var type = _default.BindToType(assemblyName, typeName);
        return IsAllowed(type)
            ? type
            : throw new JsonSerializationException($"Stored state names a type that is not allowed: {type.FullName}.");
    }

    /// <summary>Whether state may contain an instance of <paramref name="type"/>.</summary>
    public static bool IsAllowed(Type type)
    {
        if (type.IsArray)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return IsAllowed(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        if (assembly.StartsWith("MarrowBot.", StringComparison.Ordinal) || assembly is "Microsoft.Bot.Schema" or "Microsoft.Bot.Builder")
        {
            return true;
        }

        return AllowedAssemblies.Contains(assembly)
            && (type.IsPrimitive || AllowedSystemTypes.Contains(type) || (type.Namespace is { } ns && AllowedSystemNamespaces.Contains(ns)));
    }

    private static bool IsAllowedAssembly(string assemblyName)
    {
        var name = new AssemblyName(assemblyName).Name ?? string.Empty;
        return name.StartsWith("MarrowBot.", StringComparison.Ordinal) || AllowedAssemblies.Contains(name);
    }

    /// <summary>The element type of a compiler-synthesised collection (its name starts with "&lt;&gt;"), or null.</summary>
    private static Type? SynthesizedElementType(Type type) =>
        type.Name.StartsWith("<>", StringComparison.Ordinal)
            ? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
}
