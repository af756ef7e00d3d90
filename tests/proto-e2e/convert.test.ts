// Copied into the suite generated from protos/shop/v1/catalog.proto by
// run.sh: the proto3 JSON mapping of _support/grpc.ts, through protobuf's
// binary form and back, for every kind of field and well-known type.
import { describe, expect, it } from "@jest/globals";
import { decodeJson, encodeJson } from "../_support/grpc";

const roundTrip = (type: string, v: unknown): unknown => decodeJson(type, encodeJson(type, v));

describe("proto3 JSON mapping of _support/grpc.ts", () => {
  it("keeps every kind of field through the binary form", () => {
    const product = {
      sku: "s-1",
      name: "json_name wins",
      price: { currency: "USD", units: "-9223372036854775808", nanos: -5 },
      stock: "18446744073709551615",
      rank: -3,
      barcode: "9007199254740993",
      weight: 0.25,
      rating: 1.5,
      active: true,
      thumbnail: "AP8B",
      tags: ["a", "b"],
      pricesByRegion: { eu: { currency: "EUR", units: "12" } },
      notes: { "-4": "minus four" },
      shipsIn: "-1.000000500s",
      attributes: { a: [1, null, { b: "c" }], d: true },
      subtitle: "",
      views: "0",
      audit: { created: "2024-02-29T23:59:59.123456789Z", by: "me" },
      variants: [{ sku: "v", color: "BLUE" }],
      extension: { "@type": "type.googleapis.com/shop.v1.Money", currency: "EUR", units: "1" },
      extra: { k: ["x", 2] },
      history: [false, "y"],
      discountPercent: 0,
    };
    expect(roundTrip("shop.v1.Product", product)).toEqual(product);
  });

  it("writes the well-known types in their JSON forms", () => {
    expect(roundTrip("shop.v1.UpdateProductRequest", { updateMask: "name,price.units,pricesByRegion" }))
      .toEqual({ updateMask: "name,price.units,pricesByRegion" });
    expect(roundTrip("shop.v1.Product", { extension: { "@type": "type.googleapis.com/google.protobuf.Duration", value: "2.5s" } }))
      .toEqual({ extension: { "@type": "type.googleapis.com/google.protobuf.Duration", value: "2.500s" } });
    expect(roundTrip("shop.v1.Product", { audit: { created: "1970-01-01T00:00:00Z" }, shipsIn: "0s", views: "5" }))
      .toEqual({ audit: { created: "1970-01-01T00:00:00Z" }, shipsIn: "0s", views: "5" });
    expect(roundTrip("shop.v1.Product", { backorderReason: "late" })).toEqual({ backorderReason: "late" });
  });

  it("refuses what is not the proto3 JSON form", () => {
    expect(() => encodeJson("shop.v1.Product", { shipsIn: "90 minutes" })).toThrow(/Duration/);
    expect(() => encodeJson("shop.v1.Product", { audit: { created: "yesterday" } })).toThrow(/RFC 3339/);
    expect(() => encodeJson("shop.v1.Product", { tags: "one" })).toThrow(/repeated field tags/);
  });
});
