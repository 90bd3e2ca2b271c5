using System.Net;
using System.Net.Sockets;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// The rate-limit key of a client: its address as the forwarded-headers middleware left it (the proxy's client
/// only when the proxy is trusted). An IPv6 client is keyed by its /64, since one host or home network can take
/// any address in it, and an IPv4-mapped address by its IPv4 form.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
