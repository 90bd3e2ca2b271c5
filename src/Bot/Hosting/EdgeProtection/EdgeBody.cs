namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>The content type an endpoint's body must have; anything else gets 415.</summary>
public enum EdgeBody
{
    /// <summary>The endpoint reads no body; one that is sent is bounded but its type is not checked.</summary>
    None,

    /// <summary>application/json or a +json type.</summary>
    Json,

    /// <summary>multipart/form-data (the Direct Line upload).</summary>
    Form,
}
