// A stand-in for Office.js inside Chromium, for the task pane's browser tests: enough of PowerPoint, Word and the
// Common API for the pane to sign in, read the slide, insert a picture and set its alt text, recording every call
// so a test can assert exactly what the pane asked Office to do. It runs as an init script (before the page's
// own scripts) and is armed by the page's request for Office.js from the CDN, which the test routes to
// `window.__officeStubLoad()`; a test that aborts that request sees the page without Office, as offline.
// Like the real Office.js, loading it nulls the History API (the pane must use its memory router).
// Must not break: values are what Office.js has at run time (strings for enums), and calls are recorded in the
// order Office would receive them.
(function installOfficeStub(config) {
  'use strict';
  const calls = [];
  const state = {
    calls,
    refusedOnce: false,
    slides: [{ id: '256#1', shapes: [] }],
    selectedSlide: 0,
    word: { pictures: [] },
  };
  const atLeast = (have, want) => {
    const a = String(have).split('.').map(Number);
    const b = String(want).split('.').map(Number);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] || 0) - (b[i] || 0);
      if (d !== 0) return d > 0;
    }
    return true;
  };
  const later = (fn) => setTimeout(fn, 0);
  const ok = (value) => ({ status: 'succeeded', value });
  const failed = (code, message) => ({ status: 'failed', error: { code, message, name: 'Error' } });
  let nextShape = 1;

  const office = {
    HostType: { Word: 'Word', PowerPoint: 'PowerPoint', Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    CoercionType: { Image: 'image', Text: 'text' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    DocumentMode: { ReadOnly: 'readOnly', ReadWrite: 'readWrite' },
    EventType: {
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
      OfficeThemeChanged: 'officeThemeChanged',
    },
    onReady(callback) {
      const info = { host: config.host, platform: config.host ? config.platform || 'OfficeOnline' : null };
      calls.push({ api: 'onReady' });
      if (callback) later(() => callback(info));
      return new Promise((resolve) => later(() => resolve(info)));
    },
    context: {
      requirements: {
        isSetSupported(name, version) {
          const have = (config.sets || {})[name];
          return have !== undefined && atLeast(have, version || '1.1');
        },
      },
      officeTheme: config.dark
        ? { isDarkTheme: true, bodyBackgroundColor: '#262626', bodyForegroundColor: '#ffffff' }
        : { isDarkTheme: false, bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#000000' },
      document: {
        mode: config.readOnly ? 'readOnly' : 'readWrite',
        addHandlerAsync(type, handler, callback) {
          if (callback) later(() => callback(ok()));
        },
        removeHandlerAsync(type, options, callback) {
          if (callback) later(() => callback(ok()));
        },
        setSelectedDataAsync(data, options, callback) {
          calls.push({
            api: 'setSelectedDataAsync',
            base64: data,
            options: { ...options },
            at: performance.now(),
          });
          const png = String(data).startsWith('iVBOR');
          if (config.refuseFirstPngWith && png && !state.refusedOnce) {
            state.refusedOnce = true;
            later(() => callback(failed(config.refuseFirstPngWith, 'The image is too large.')));
            return;
          }
          const slide = state.slides[state.selectedSlide];
          slide.shapes.push({
            id: String(nextShape++),
            type: 'Image',
            left: options.imageLeft,
            top: options.imageTop,
            width: options.imageWidth,
            height: options.imageHeight,
            altTextTitle: '',
            altTextDescription: '',
            isDecorative: false,
            tags: {},
          });
          later(() => callback(ok()));
        },
      },
      ui: {
        displayDialogAsync(url, options, callback) {
          calls.push({ api: 'displayDialogAsync', url });
          later(() => callback(failed(12011, 'blocked')));
        },
        messageParent() {},
      },
    },
    auth: {
      getAccessToken() {
        calls.push({ api: 'getAccessToken' });
        return Promise.reject(Object.assign(new Error('SSO is not set up here'), { code: 13000 }));
      },
      getAuthContext() {
        return Promise.reject(new Error('no auth context'));
      },
    },
  };

  // PowerPoint.run: proxies over the model above. Reads are live (the stub does not model load/sync; the unit
  // tests against office-addin-mock hold the host modules to that), writes land on the model at once.
  const shapeProxy = (slide, shape) => ({
    get id() {
      return shape.id;
    },
    get type() {
      return shape.type;
    },
    set altTextTitle(v) {
      shape.altTextTitle = v;
    },
    get altTextTitle() {
      return shape.altTextTitle;
    },
    set altTextDescription(v) {
      shape.altTextDescription = v;
    },
    get altTextDescription() {
      return shape.altTextDescription;
    },
    set isDecorative(v) {
      shape.isDecorative = v;
    },
    get isDecorative() {
      return shape.isDecorative;
    },
    tags: {
      add(key, value) {
        shape.tags[String(key).toUpperCase()] = value;
      },
    },
    placeholderFormat: { load() {}, type: 'Unsupported', containedType: null },
    load() {},
  });
  const shapesOf = (slide) => ({
    load() {},
    get items() {
      return slide.shapes.map((s) => shapeProxy(slide, s));
    },
    getItemAt(i) {
      return shapeProxy(slide, slide.shapes[i]);
    },
  });
  const slideProxy = (slide) => ({
    load() {},
    get id() {
      return slide.id;
    },
    shapes: shapesOf(slide),
  });
  const powerpoint = {
    run(batch) {
      calls.push({ api: 'PowerPoint.run' });
      const slides = state.slides;
      const ctx = {
        presentation: {
          pageSetup: {
            load() {},
            get slideWidth() {
              return (config.slide || { width: 960 }).width;
            },
            get slideHeight() {
              return (config.slide || { height: 540 }).height;
            },
          },
          slides: {
            load() {},
            get items() {
              return slides.map(slideProxy);
            },
            getItem(id) {
              const slide = slides.find((s) => s.id === id);
              if (!slide) throw new Error(`no slide ${id}`);
              return slideProxy(slide);
            },
          },
          getSelectedSlides() {
            return { getItemAt: () => slideProxy(slides[state.selectedSlide]) };
          },
          getSelectedShapes() {
            return { load() {}, items: [], getItemAt() {} };
          },
        },
        sync: () => Promise.resolve(),
      };
      return batch(ctx);
    },
  };

  // Word.run: inline pictures inserted at the selection, recorded with what was set on them by the next sync.
  const word = {
    run(batch) {
      calls.push({ api: 'Word.run' });
      const pending = [];
      const ctx = {
        document: {
          getSelection() {
            return {
              load() {},
              isEmpty: true,
              insertInlinePictureFromBase64(base64, location) {
                const picture = { base64, location };
                pending.push(picture);
                return picture;
              },
            };
          },
        },
        sync() {
          for (const p of pending.splice(0)) {
            const recorded = {
              api: 'insertInlinePictureFromBase64',
              base64: p.base64,
              location: p.location,
              width: p.width,
              height: p.height,
              altTextTitle: p.altTextTitle,
              altTextDescription: p.altTextDescription,
            };
            calls.push(recorded);
            state.word.pictures.push(recorded);
          }
          return Promise.resolve();
        },
      };
      return batch(ctx);
    },
  };

  window.__officeStub = state;
  // What the CDN's office.js does when it has loaded: the globals appear and the History API goes.
  window.__officeStubLoad = () => {
    window.Office = office;
    if (config.host === 'PowerPoint') window.PowerPoint = powerpoint;
    if (config.host === 'Word') window.Word = word;
    window.history.pushState = null;
    window.history.replaceState = null;
  };
})(window.__officeStubConfig);
