/** Where the demo world's servers live. A leaf module, so the page can name them without loading the servers. */
export const ISSUER = "https://authorization-server.example";
export const RESOURCE_SERVER = "https://api.example";
