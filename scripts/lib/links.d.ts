export declare function teamsPersonLinkTemplate(options: { teamsAppId: string; tabUrl: string }): string;
