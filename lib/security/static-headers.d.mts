export declare const NON_PAGE_CONTENT_SECURITY_POLICY: string;
export declare const STATIC_SECURITY_HEADERS: readonly { readonly key: string; readonly value: string }[];
