using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// The knowledge search as a Semantic Kernel plugin, so a language model given the kernel (later work) can look
/// passages up and cite them. It only reads the reviewed content; it cannot answer by itself.
/// </summary>
public sealed class KnowledgePlugin(KnowledgeSearch search)
{
    /// <summary>The plugin's name in the kernel.</summary>
    public const string Name = "knowledge";

    /// <summary>The search function's name.</summary>
    public const string SearchFunction = "search_knowledge";

    [KernelFunction(SearchFunction)]
    [Description("Searches the reviewed passages about bone marrow failure, and the FAQ, by meaning and by words. " +
        "Returns the best passages with the article section each restates; quote only these and cite their sections.")]
    [return: Description("The passages, best first; empty when the query is empty")]
    public Task<IReadOnlyList<KnowledgeHit>> SearchAsync(
        [Description("The question or topic, in the person's own words")] string query,
        [Description("How many passages to return, 1 to 10")] int top = 3,
        CancellationToken cancellationToken = default) =>
        search.SearchAsync(query, top, cancellationToken);
}
