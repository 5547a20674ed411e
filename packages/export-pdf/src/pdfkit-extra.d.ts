// What pdfkit 0.20 offers beyond @types/pdfkit 0.17, limited to what this package uses.
// Interface merging only adds members; the few places where the published types are
// narrower than pdfkit (a font given as bytes, `null` to clear an inherited link) are cast
// at the call site.

declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    /** Layout attributes: the element's box, in pdfkit's top-down coordinates. */
    bbox?: [number, number, number, number];
    placement?: 'Block' | 'Inline';
    /** Table header cells: what they head. */
    scope?: 'Row' | 'Column' | 'Both';
  }

  interface AnnotationOption {
    /** The structure element the annotation belongs to (tagged PDF). */
    structParent?: PDFKit.PDFStructureElement;
  }
}

declare namespace PDFKit {
  interface PDFStructureElement {
    dictionary: PDFKitReference;
  }

  interface PDFOutline {
    addItem(
      title: string,
      options: {
        pageNumber?: number;
        /** Distance from the top of the page. */
        top?: number;
        /** Written mirrored by pdfkit (page width − left). */
        left?: number;
        zoom?: number;
        fit?: boolean;
        expanded?: boolean;
      },
    ): PDFOutline;
  }

  interface PDFDocument {
    /** Set by pdfkit while a struct closure runs; text links attach to a `Link` element. */
    _currentStructureElement?: PDFStructureElement | undefined;
    /** The document catalog (its `Names.Dests` tree holds the named destinations). */
    _root: PDFKitReference & { data: { Names: PDFKitReference & { data: { Dests: { _compareKeys(a: string, b: string): number } } } } };
    openImage(src: Uint8Array | string): PDFImageObject;
  }

  /** An opened PNG or JPEG (pdfkit's PNGImage / JPEG). */
  interface PDFImageObject {
    width: number;
    height: number;
    label: string;
    obj: PDFKitReference | null;
    embed(doc: PDFDocument): void;
    /** PNG only: the png-js decoder, dropped once the image is written. */
    image?: {
      width: number;
      height: number;
      pixelBitlength: number;
      hasAlphaChannel: boolean;
      interlaceMethod: number;
      imgData: Uint8Array;
      transparency: { indexed?: unknown };
    } | null;
  }
}
