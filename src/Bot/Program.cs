using MarrowBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMarrowBot();

var app = builder.Build();
app.MapMarrowBot();
app.Run();
